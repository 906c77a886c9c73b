import 'reflect-metadata';
import { ArgumentMetadata, BadRequestException, Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { RequestValidationException } from '../apps/api/src/platform/http/validation';
import { createValidationPipe } from '../apps/api/src/platform/http/validation';
import {
  ApproveTrancheDto,
  RegisterEnterpriseDto,
  SubmitSeatApplicationDto,
} from '../apps/api/src/features/seat-subsidy/seat-subsidy.dto';
import { RecordDisbursementDto } from '../apps/api/src/features/payments/payments.dto';
import { countCase, FUZZ, reportCases } from '@ledger/domain/testing/fuzz';

/**
 * Fuzz tier (issue #12): arbitrary JSON against every request DTO through the
 * global validation pipe. Whatever arrives, the pipe either hands on an
 * instance of the DTO or refuses with a 400 naming fields (never a TypeError,
 * a RangeError or a stack overflow that the filter would turn into a 500);
 * and bodies built to be valid pass.
 */
const FEATURES = path.resolve(__dirname, '../apps/api/src/features');

function dtoClasses(): [string, Type][] {
  const files = fs
    .readdirSync(FEATURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.dto.ts'));
  const storage = getMetadataStorage();
  const out: [string, Type][] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- found at run time
    const exports = require(path.join(FEATURES, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || !/Dto$/.test(name)) continue;
      const validated = storage.getTargetValidationMetadatas(value, '', true, false);
      if (validated.length > 0) out.push([name, value as Type]);
    }
  }
  return out.sort(([a], [b]) => a.localeCompare(b));
}

/** The DTO's own property names, so that generated bodies get past "should not exist". */
function propertiesOf(dto: Type): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

const pipe = createValidationPipe();
const asBody = (dto: Type): ArgumentMetadata => ({ type: 'body', metatype: dto, data: '' });

/** Runs the pipe; answers what it did: passed (an instance) or refused (a 400). */
async function validate(dto: Type, body: unknown): Promise<'passed' | 'refused'> {
  countCase('dto bodies');
  try {
    const value: unknown = await pipe.transform(body, asBody(dto));
    expect(value).toBeInstanceOf(dto);
    return 'passed';
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    if (error instanceof RequestValidationException) {
      for (const fieldError of error.fieldErrors) {
        expect(typeof fieldError.field).toBe('string');
        expect(fieldError.messages.every((m) => typeof m === 'string')).toBe(true);
      }
    }
    return 'refused';
  }
}

/** JSON of every kind, strings with the odd characters hostile input brings. */
const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u202e', '\u200b', '\u0000', '__proto__', 'constructor', '1e309', '-0'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 1, -1, 0, 1e21),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An object with the DTO's own keys (some left out) holding arbitrary JSON. */
const bodyWithKeysOf = (dto: Type) =>
  fc.dictionary(fc.constantFrom(...propertiesOf(dto)), json, { maxKeys: 8 });

const DTOS = dtoClasses();
afterAll(reportCases);

describe('fuzz: request DTOs through the validation pipe', () => {
  it('finds the request DTOs', () => {
    expect(DTOS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(DTOS)(
    'given any JSON body, when %s is validated, then it passes or is refused with a 400 naming fields',
    async (_name, dto) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(json, bodyWithKeysOf(dto)), async (body) => {
          await validate(dto, body);
        }),
        FUZZ.dtoRuns,
      );
    },
  );
});

const date = fc
  .record({
    year: fc.integer({ min: 2022, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(
    ({ year, month, day }) =>
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
const month = date.map((d) => d.slice(0, 7));
/** Visible text: letters, digits, CJK, inner spaces; never blank. */
const name = fc
  .array(fc.constantFrom(...'大同云呼叫数据标注有限公司张三李四 ABCxyz0189-·'), {
    minLength: 1,
    maxLength: 40,
  })
  .map((chars) => `企${chars.join('')}`.trim());
const creditCode = fc.integer({ min: 0, max: 99_999_999 }).map(makeCreditCode);
const residentId = fc
  .record({
    birth: fc.date({
      min: new Date('1960-01-01'),
      max: new Date('2005-12-31'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ birth, sequence }) =>
    makeResidentId('140202', birth.toISOString().slice(0, 10).replace(/-/g, ''), sequence),
  );

const VALID: [string, Type, fc.Arbitrary<unknown>][] = [
  [
    'RegisterEnterpriseDto',
    RegisterEnterpriseDto,
    fc.record(
      {
        creditCode,
        name,
        industry: fc.constantFrom('call', 'annotation'),
        seats: fc.integer({ min: 0, max: 1_000_000 }),
        registeredOn: date,
      },
      { requiredKeys: ['creditCode', 'name', 'industry', 'seats'] },
    ),
  ],
  [
    'SubmitSeatApplicationDto',
    SubmitSeatApplicationDto,
    fc.record({
      enterpriseId: creditCode,
      submittedOn: date,
      claims: fc.array(
        fc.record({
          personId: residentId,
          name,
          wageMonths: fc.array(month, { maxLength: 12 }),
          insuranceMonths: fc.array(month, { maxLength: 12 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
  ],
  [
    'ApproveTrancheDto',
    ApproveTrancheDto,
    fc.record({ tranche: fc.integer({ min: 1, max: 4 }), decidedOn: date }),
  ],
  [
    'RecordDisbursementDto',
    RecordDisbursementDto,
    fc.record({
      paidOn: date,
      amountFen: fc.integer({ min: 1, max: 1_000_000_000_000 }),
      bankRef: fc.stringMatching(/^[A-Z]{2,5}-\d{4}-\d{1,8}$/),
    }),
  ],
];

describe('fuzz: valid bodies pass', () => {
  it.each(VALID)(
    'given a valid generated body, when %s is validated, then it passes',
    async (_name, dto, valid) => {
      await fc.assert(
        fc.asyncProperty(valid, async (body) => {
          expect(await validate(dto, body)).toBe('passed');
        }),
        FUZZ.dtoRuns,
      );
    },
  );

  it.each(VALID)(
    'given a valid %s body with one field replaced by arbitrary JSON, then it passes or is refused naming that field',
    async (_name, dto, valid) => {
      await fc.assert(
        fc.asyncProperty(valid, fc.nat(), json, async (body, pick, replacement) => {
          const keys = Object.keys(body as object);
          const key = keys[pick % keys.length];
          const mutated = { ...(body as object), [key]: replacement };
          countCase('dto bodies');
          try {
            await pipe.transform(mutated, asBody(dto));
          } catch (error) {
            expect(error).toBeInstanceOf(RequestValidationException);
            const fields = (error as RequestValidationException).fieldErrors.map((f) => f.field);
            expect(fields.every((f) => f === key || f.startsWith(`${key}.`))).toBe(true);
          }
        }),
        FUZZ.dtoRuns,
      );
    },
  );
});
