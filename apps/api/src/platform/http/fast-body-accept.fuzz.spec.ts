import 'reflect-metadata';
import { ArgumentMetadata, Type } from '@nestjs/common';
import * as fc from 'fast-check';
import { RecordDisbursementDto } from '../../features/payments/payments.dto';
import { ApproveTrancheDto } from '../../features/seat-subsidy/seat-subsidy.dto';
import { fastAcceptBody } from './fast-body-accept';
import { textFieldErrors } from './text-content';
import { createValidationPipe, forbiddenKeyPaths, RequestValidationException } from './validation';

const withShortCut = createValidationPipe();
const classValidatorOnly = createValidationPipe({ fastBodies: false });
const asBody = (dto: Type): ArgumentMetadata => ({ type: 'body', metatype: dto, data: '' });

/** The pipe's own checks, before class-validator or the short cut: their 400s are not at stake. */
const refusedBefore = (body: unknown) =>
  forbiddenKeyPaths(body).length > 0 || textFieldErrors(body, '').length > 0;

type Outcome = { passed: object } | { refused: unknown };

async function outcome(
  pipe: ReturnType<typeof createValidationPipe>,
  dto: Type,
  body: unknown,
): Promise<Outcome> {
  try {
    return { passed: (await pipe.transform(body, asBody(dto))) as object };
  } catch (error) {
    if (!(error instanceof RequestValidationException)) throw error;
    return { refused: error.getResponse() };
  }
}

const everyday: Record<string, object> = {
  ApproveTrancheDto: { tranche: 1, decidedOn: '2023-03-10' },
  RecordDisbursementDto: { paidOn: '2023-03-20', amountFen: 250000, bankRef: 'ICBC-2023-000123' },
};

const DTOS: [string, Type, string[]][] = [
  ['ApproveTrancheDto', ApproveTrancheDto, ['tranche', 'decidedOn']],
  ['RecordDisbursementDto', RecordDisbursementDto, ['paidOn', 'amountFen', 'bankRef']],
];

/** Values near each check's edge, and of other types. */
const EDGES: unknown[] = [
  0,
  -0,
  1,
  4,
  5,
  -1,
  1.5,
  2.0000001,
  1e12,
  1e12 + 1,
  9007199254740991,
  9007199254740992,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '1',
  '2023-03-10',
  '2024-02-29',
  '2023-02-29',
  '1899-12-31',
  '2023-3-10',
  ' 2023-03-10',
  '',
  ' ',
  'ICBC-2023-000123',
  'x'.repeat(200),
  'x'.repeat(201),
  '😀'.repeat(100),
  '😀'.repeat(101),
  `${'x'.repeat(199)}\uFE0F`,
  'a\u0000b',
  'a\u202Eb',
  null,
  true,
  [],
  ['2023-03-10'],
  {},
  { tranche: 1 },
];

/** What a JSON body's field holds: the edges, any number, any text. */
const fieldValue = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.integer({ min: -10, max: 10 }),
  fc.double(),
  fc.string({ maxLength: 210 }),
  fc.string({ unit: 'grapheme', maxLength: 205 }),
);

const bodyOf = (keys: string[], base: object) =>
  fc.oneof(
    // Mostly near the everyday body: one or two fields changed, added or left out.
    // Weighted so that the short cut answers 87-123 of the 600 runs (five runs);
    // at equal weights it answered about 30, and a CI run once drew 28, under
    // the guard below.
    {
      weight: 6,
      arbitrary: fc
        .record({
          changes: fc.dictionary(
            fc.constantFrom(...keys, 'other', 'toString', 'hasOwnProperty', '__proto__'),
            fieldValue,
            { maxKeys: 2 },
          ),
          drop: fc.subarray(keys, { maxLength: 1 }),
        })
        .map(({ changes, drop }) => {
          const body: Record<string, unknown> = { ...base, ...changes };
          for (const key of drop) delete body[key];
          return body;
        }),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.constantFrom(...keys, 'other'), fieldValue, { maxKeys: 4 }),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'text', 3, [base]) },
  );

describe.each(DTOS)('the body short cut of %s', (name, dto, keys) => {
  it('given any body, when the short cut accepts it, then class-validator makes the same DTO; else both answer alike', async () => {
    let shortCuts = 0;
    await fc.assert(
      fc.asyncProperty(bodyOf(keys, everyday[name]), async (body) => {
        const expected = await outcome(classValidatorOnly, dto, body);
        const fast = fastAcceptBody(dto, body);
        if (fast && !refusedBefore(body)) {
          shortCuts++;
          expect(expected).toHaveProperty('passed');
          expect(fast).toBeInstanceOf(dto);
          expect(fast).toStrictEqual((expected as { passed: object }).passed);
          expect(Object.keys(fast)).toEqual(Object.keys((expected as { passed: object }).passed));
        }
        expect(await outcome(withShortCut, dto, body)).toStrictEqual(expected);
      }),
      { numRuns: 600 },
    );
    // The property must not hold only because the short cut never answered.
    expect(shortCuts).toBeGreaterThan(50);
  });

  it('given the everyday body with any one field at an edge, when validated, then both answer alike', async () => {
    for (const key of keys) {
      for (const value of EDGES) {
        const body = { ...everyday[name], [key]: value };
        const expected = await outcome(classValidatorOnly, dto, body);
        const fast = fastAcceptBody(dto, body);
        if (fast && !refusedBefore(body)) {
          expect(fast).toStrictEqual((expected as { passed?: object }).passed);
        }
        expect(await outcome(withShortCut, dto, body)).toStrictEqual(expected);
      }
    }
  });

  it('given the everyday body, when validated, then the short cut answers it', () => {
    const accepted = fastAcceptBody(dto, everyday[name]);
    expect(accepted).toBeInstanceOf(dto);
    expect(accepted).toStrictEqual(Object.assign(new dto(), everyday[name]));
  });
});
