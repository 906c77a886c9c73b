import 'reflect-metadata';
import { ArgumentMetadata, Type } from '@nestjs/common';
import * as fc from 'fast-check';
import { BalanceQueryDto } from '../../features/balances/balances.dto';
import { AsOfQueryDto, MinPositionDto } from '../../ledger-core/query.dto';
import { fastAcceptQuery } from './fast-query-accept';
import { createValidationPipe, RequestValidationException } from './validation';

const withShortCut = createValidationPipe();
const classValidatorOnly = createValidationPipe({ fastQueries: false });
const asQuery = (dto: Type): ArgumentMetadata => ({ type: 'query', metatype: dto, data: '' });

type Outcome = { passed: object } | { refused: unknown };

async function outcome(
  pipe: ReturnType<typeof createValidationPipe>,
  dto: Type,
  query: object,
): Promise<Outcome> {
  try {
    return { passed: (await pipe.transform(query, asQuery(dto))) as object };
  } catch (error) {
    if (!(error instanceof RequestValidationException)) throw error;
    return { refused: error.getResponse() };
  }
}

const DTOS: [string, Type, string[]][] = [
  ['BalanceQueryDto', BalanceQueryDto, ['asOf', 'asKnownAt', 'minPosition']],
  ['AsOfQueryDto', AsOfQueryDto, ['asOf', 'minPosition']],
  ['MinPositionDto', MinPositionDto, ['minPosition']],
];

/** What a query string holds: text near each parameter's edge, repeated keys, strangers. */
const paramValue = fc.oneof(
  fc.constantFrom(
    '2024-01-01',
    '2024-02-29',
    '2023-02-29',
    '1899-12-31',
    '2024-1-01',
    ' 2024-01-01',
    '0',
    '00',
    '12',
    '-1',
    '1e3',
    '1.5',
    '9007199254740991',
    '9007199254740992',
    '9999999999999999',
    '10000000000000000',
    '',
    '2023-06-01T12:00:00Z',
    'x'.repeat(40),
    'x'.repeat(41),
  ),
  fc.string({ maxLength: 45 }),
  fc.stringMatching(/^\d{1,17}$/),
  fc.array(fc.constantFrom('2024-01-01', '12'), { minLength: 2, maxLength: 2 }),
);
const queryOf = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys, 'other', 'toString', 'hasOwnProperty'), paramValue, {
    maxKeys: 4,
  });

describe.each(DTOS)('the query short cut of %s', (_name, dto, keys) => {
  it('given any query, when the short cut accepts it, then class-validator makes the same DTO; else both answer alike', async () => {
    let shortCuts = 0;
    await fc.assert(
      fc.asyncProperty(queryOf(keys), async (query) => {
        const expected = await outcome(classValidatorOnly, dto, query);
        const fast = fastAcceptQuery(dto, query);
        if (fast) {
          shortCuts++;
          expect(expected).toHaveProperty('passed');
          expect(fast).toBeInstanceOf(dto);
          expect(fast).toStrictEqual((expected as { passed: object }).passed);
        }
        expect(await outcome(withShortCut, dto, query)).toStrictEqual(expected);
      }),
      { numRuns: 400 },
    );
    // The property must not hold only because the short cut never answered.
    expect(shortCuts).toBeGreaterThan(20);
  });

  it('given the everyday query, when validated, then the short cut answers it', () => {
    const query = Object.fromEntries(
      keys.map((k) => [k, k === 'minPosition' ? '12' : k === 'asOf' ? '2024-01-01' : 'now']),
    );
    const accepted = fastAcceptQuery(dto, query);
    expect(accepted).toBeInstanceOf(dto);
    expect(accepted).toMatchObject({ ...query, minPosition: 12 });
  });
});
