import { isBusinessDate } from '../shared/business-date';
import { invalidInput } from '../shared/ledger-error';
import { PolicyOverrides, PolicySection, PolicyVersion } from './policy-version';

/**
 * The shape of a policy version as data (R-POL): every parameter, its type
 * and its bounds. Version files are checked against it when they are loaded
 * (`parsePolicyVersion`), and special terms' overrides (R-SPECIAL) against the
 * overridable part of it (`parsePolicyOverrides`). Pure: no file access; the
 * files are imported as JSON modules.
 */
export type ParameterType =
  | { kind: 'integer'; min: number; max?: number }
  | { kind: 'integers'; min: number; max?: number; minLength: number; sum?: number }
  | { kind: 'record'; fields: Readonly<Record<string, ParameterType>> };

/** Amounts, counts and day or month counts: non-negative safe integers. */
const COUNT: ParameterType = { kind: 'integer', min: 0 };
const POSITIVE: ParameterType = { kind: 'integer', min: 1 };
const FEN: ParameterType = { kind: 'integer', min: 0 };
const BASIS_POINTS: ParameterType = { kind: 'integer', min: 0, max: 10_000 };

export const POLICY_PARAMETER_SCHEMA: Readonly<
  Record<PolicySection, Readonly<Record<string, ParameterType>>>
> = {
  seat: {
    minSeats: COUNT,
    firstTrancheMonths: POSITIVE,
    firstTrancheMonthsTrialFirstApplication: POSITIVE,
    trancheCount: POSITIVE,
    trancheFen: FEN,
    monthsPerLaterTranche: COUNT,
    windowMonths: POSITIVE,
    personCapFen: FEN,
    educationShareMinBasisPoints: BASIS_POINTS,
  },
  publicity: { minDays: POSITIVE },
  effectiveSeat: { minMonths: POSITIVE, maxOccupants: POSITIVE },
  site: {
    leaseMinYears: POSITIVE,
    leaseYearFen: { kind: 'integers', min: 0, minLength: 1 },
    renovationBasisPoints: BASIS_POINTS,
    renovationCapFen: FEN,
    purchaseFenPerM2: FEN,
    purchaseAreaM2Max: POSITIVE,
    purchaseYearBasisPoints: { kind: 'integers', min: 0, max: 10_000, minLength: 1, sum: 10_000 },
  },
  internship: {
    minInternsPerYear: POSITIVE,
    minRetentionBasisPoints: BASIS_POINTS,
    minConsecutiveMonths: POSITIVE,
    rewardFenByLevel: { kind: 'record', fields: { secondary: FEN, higher: FEN } },
  },
  special: { topEnterpriseMinSeats: POSITIVE, outsourcingMinSeats: POSITIVE },
};

/**
 * R-SPECIAL: every parameter special terms may override, with the bounds an
 * override must keep (issue #12). Tighter than a version file's: a count or
 * a month count is at least 1 (0 months would pay a tranche on no evidence),
 * and amounts and counts stay within what any decision could plausibly use,
 * so that products of them (seats × a lease year, m² × a price) stay exact
 * integers, far below 2^53 fen:
 * - seat counts: at most 1,000,000 (the most seats a registration declares);
 * - month counts: at most 120 (ten years of evidence, MONTHS_MAX of a claim);
 * - occupants of a seat in turn: at most 12; lease years: at most 100;
 * - per seat-year of a lease and per m² bought: at most 1,000,000 yuan
 *   (10^8 fen; the 2022 policy: 2,500 and 500 yuan);
 * - the renovation cap: at most 10^12 fen (the 2022 policy: 5,000,000 yuan);
 * - the area counted: at most 10,000,000 m² (the API's largest area).
 */
const MONTHS: ParameterType = { kind: 'integer', min: 1, max: 120 };
export const OVERRIDE_PARAMETER_SCHEMA: Readonly<Record<string, ParameterType>> = {
  'seat.minSeats': { kind: 'integer', min: 1, max: 1_000_000 },
  'seat.firstTrancheMonths': MONTHS,
  'seat.firstTrancheMonthsTrialFirstApplication': MONTHS,
  'seat.monthsPerLaterTranche': MONTHS,
  'effectiveSeat.minMonths': MONTHS,
  'effectiveSeat.maxOccupants': { kind: 'integer', min: 1, max: 12 },
  'site.leaseMinYears': { kind: 'integer', min: 1, max: 100 },
  'site.leaseYearFen': { kind: 'integers', min: 0, max: 100_000_000, minLength: 1 },
  'site.renovationBasisPoints': BASIS_POINTS,
  'site.renovationCapFen': { kind: 'integer', min: 0, max: 1_000_000_000_000 },
  'site.purchaseFenPerM2': { kind: 'integer', min: 0, max: 100_000_000 },
  'site.purchaseAreaM2Max': { kind: 'integer', min: 1, max: 10_000_000 },
  'site.purchaseYearBasisPoints': {
    kind: 'integers',
    min: 0,
    max: 10_000,
    minLength: 1,
    sum: 10_000,
  },
};

/** R-SPECIAL: `section.key` of every parameter special terms may override (see PolicyOverrides). */
export const OVERRIDABLE_PARAMETERS: ReadonlySet<string> = new Set(
  Object.keys(OVERRIDE_PARAMETER_SCHEMA),
);

/** A policy file that does not have the shape of a version: the ledger must not start with it. */
export class PolicyDataError extends RangeError {
  constructor(
    readonly source: string,
    readonly path: string,
    problem: string,
  ) {
    super(`policy ${source}: ${path} ${problem}`);
    this.name = 'PolicyDataError';
  }
}

const ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const TITLE_CHARS_MAX = 500;
const LIST_MAX = 100;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Undefined when `value` fits `type`, otherwise what is wrong (without the path). */
export function parameterProblem(type: ParameterType, value: unknown): string | undefined {
  switch (type.kind) {
    case 'integer': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return 'must be a whole number';
      }
      if (value < type.min) return `must be at least ${type.min}`;
      if (type.max !== undefined && value > type.max) return `must be at most ${type.max}`;
      return undefined;
    }
    case 'integers': {
      if (!Array.isArray(value)) return 'must be a list of whole numbers';
      if (value.length < type.minLength || value.length > LIST_MAX) {
        return `must have ${type.minLength} to ${LIST_MAX} entries`;
      }
      let sum = 0;
      for (const item of value) {
        const problem = parameterProblem({ kind: 'integer', min: type.min, max: type.max }, item);
        if (problem) return `entries ${problem.replace(/^must/, 'must each')}`;
        sum += item as number;
      }
      if (type.sum !== undefined && sum !== type.sum) {
        return `must add up to ${type.sum}, not ${sum}`;
      }
      return undefined;
    }
    case 'record': {
      if (!isRecord(value)) return 'must be an object';
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(type.fields, key)) return `has an unknown field ${key}`;
      }
      for (const [key, field] of Object.entries(type.fields)) {
        if (!Object.hasOwn(value, key)) return `needs the field ${key}`;
        const problem = parameterProblem(field, value[key]);
        if (problem) return `.${key} ${problem}`;
      }
      return undefined;
    }
    default: {
      const never: never = type;
      throw new Error(`unknown parameter type ${JSON.stringify(never)}`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A deep copy through JSON: the parsed version shares nothing with its source. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * R-POL: a policy version from its data file. Every section and parameter of
 * the schema must be there with the right type and bounds, nothing else may
 * be (a misspelt key is an error, not a parameter silently left at its old
 * value), and the dates must be real dates with the trial year in order.
 * Returns a deep-frozen copy; throws PolicyDataError naming the path.
 */
export function parsePolicyVersion(raw: unknown, source = 'version'): PolicyVersion {
  const fail = (path: string, problem: string): never => {
    throw new PolicyDataError(source, path, problem);
  };
  if (!isRecord(raw)) return fail('(root)', 'must be an object');
  const known = new Set([
    'id',
    'title',
    'effectiveFrom',
    'validFrom',
    'validTo',
    'trialFrom',
    'trialTo',
  ]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key) && !Object.hasOwn(POLICY_PARAMETER_SCHEMA, key)) {
      fail(key, 'is not a field of a policy version');
    }
  }
  if (typeof raw['id'] !== 'string' || !ID_PATTERN.test(raw['id'])) {
    fail('id', 'must be 1 to 64 characters of a-z, 0-9, "." and "-"');
  }
  if (
    raw['title'] !== undefined &&
    (typeof raw['title'] !== 'string' || raw['title'].length > TITLE_CHARS_MAX)
  ) {
    fail('title', `must be text of at most ${TITLE_CHARS_MAX} characters`);
  }
  for (const field of ['effectiveFrom', 'validFrom', 'validTo', 'trialFrom', 'trialTo']) {
    if (!isBusinessDate(raw[field])) fail(field, 'must be a real calendar date YYYY-MM-DD');
  }
  if ((raw['trialTo'] as string) < (raw['trialFrom'] as string)) {
    fail('trialTo', 'must not be before trialFrom');
  }
  if ((raw['validTo'] as string) < (raw['validFrom'] as string)) {
    fail('validTo', 'must not be before validFrom');
  }
  for (const [section, parameters] of Object.entries(POLICY_PARAMETER_SCHEMA)) {
    const values = raw[section];
    if (!isRecord(values)) fail(section, 'must be an object of parameters');
    const given = values as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(parameters, key)) fail(`${section}.${key}`, 'is not a parameter');
    }
    for (const [key, type] of Object.entries(parameters)) {
      if (!Object.hasOwn(given, key)) fail(`${section}.${key}`, 'is missing');
      const problem = parameterProblem(type, given[key]);
      if (problem) fail(`${section}.${key}`, problem);
    }
  }
  return deepFreeze(copy(raw) as unknown as PolicyVersion);
}

/**
 * R-SPECIAL: the overrides of one enterprise's special terms, checked against
 * the schema: a known section, an overridable parameter, a value of its type
 * within the bounds of OVERRIDE_PARAMETER_SCHEMA.
 * An unknown or non-overridable key is a 400 naming `overrides.section.key`.
 */
export function parsePolicyOverrides(raw: unknown): PolicyOverrides {
  const field = (path: string) => `overrides${path === '' ? '' : `.${path}`}`;
  if (!isRecord(raw)) throw invalidInput(field(''), 'must be an object of sections');
  let count = 0;
  for (const [section, values] of Object.entries(raw)) {
    const parameters = (POLICY_PARAMETER_SCHEMA as Record<string, Record<string, ParameterType>>)[
      section
    ];
    if (!Object.hasOwn(POLICY_PARAMETER_SCHEMA, section) || !parameters) {
      throw invalidInput(field(section), 'is not a section of the policy');
    }
    if (!isRecord(values)) throw invalidInput(field(section), 'must be an object of parameters');
    for (const [key, value] of Object.entries(values)) {
      const path = `${section}.${key}`;
      if (!Object.hasOwn(parameters, key)) {
        throw invalidInput(field(path), 'is not a parameter of the policy');
      }
      const bounds = OVERRIDE_PARAMETER_SCHEMA[path];
      if (!OVERRIDABLE_PARAMETERS.has(path) || !bounds) {
        throw invalidInput(field(path), 'may not be overridden by special terms');
      }
      const problem = parameterProblem(bounds, value);
      if (problem) throw invalidInput(field(path), problem);
      count += 1;
    }
  }
  if (count === 0) throw invalidInput(field(''), 'must override at least one parameter');
  return copy(raw) as PolicyOverrides;
}

/**
 * The policy with one enterprise's overrides laid over it (R-SPECIAL). The id
 * stays the version's: decisions record the version and, beside it, the
 * special terms' id. Pure: returns a new object.
 */
export function applyPolicyOverrides(
  policy: PolicyVersion,
  overrides: PolicyOverrides | undefined,
): PolicyVersion {
  if (!overrides) return policy;
  return {
    ...policy,
    seat: { ...policy.seat, ...overrides.seat },
    effectiveSeat: { ...policy.effectiveSeat, ...overrides.effectiveSeat },
    site: { ...policy.site, ...overrides.site },
  };
}
