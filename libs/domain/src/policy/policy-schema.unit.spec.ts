import { LedgerError } from '../shared/ledger-error';
import datong2022 from './versions/datong-2022.policy.json';
import { DATONG_2022 } from './datong-2022.policy';
import {
  applyPolicyOverrides,
  parsePolicyOverrides,
  parsePolicyVersion,
  PolicyDataError,
} from './policy-schema';

const raw = () => JSON.parse(JSON.stringify(datong2022)) as Record<string, any>;

function dataError(value: unknown): PolicyDataError {
  try {
    parsePolicyVersion(value, 'test.json');
  } catch (e) {
    if (e instanceof PolicyDataError) return e;
    throw e;
  }
  throw new Error('expected a PolicyDataError');
}

function invalid(value: unknown): LedgerError {
  try {
    parsePolicyOverrides(value);
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}

describe('R-POL policy versions are data files checked at load', () => {
  it('given datong-2022.policy.json, when loaded, then it is the version of RULES.md, deep-frozen', () => {
    const v = parsePolicyVersion(raw());
    expect(v).toEqual(DATONG_2022);
    expect(v.site.leaseYearFen).toEqual([250_000, 250_000, 250_000, 125_000, 125_000]);
    expect(Object.isFrozen(v.site.leaseYearFen)).toBe(true);
    expect(() => {
      (v.seat as { minSeats: number }).minSeats = 1;
    }).toThrow(TypeError);
  });

  it('given the loaded version, when its source object changes, then the version does not', () => {
    const source = raw();
    const v = parsePolicyVersion(source);
    source.seat.minSeats = 1;
    expect(v.seat.minSeats).toBe(200);
  });

  it('given a parameter missing, when loaded, then it names the path', () => {
    const r = raw();
    delete r.site.renovationCapFen;
    expect(dataError(r).message).toBe('policy test.json: site.renovationCapFen is missing');
  });

  it('given a misspelt parameter, when loaded, then it is refused rather than ignored', () => {
    const r = raw();
    r.site.renovationCapFenn = 1;
    expect(dataError(r).message).toBe(
      'policy test.json: site.renovationCapFenn is not a parameter',
    );
  });

  it('given an amount with a fraction of a fen, when loaded, then it is refused', () => {
    const r = raw();
    r.seat.trancheFen = 2500.5;
    expect(dataError(r).message).toContain('seat.trancheFen must be a whole number');
  });

  it('given purchase shares that do not add up to 100 %, when loaded, then it is refused', () => {
    const r = raw();
    r.site.purchaseYearBasisPoints = [3000, 2500, 1500, 1500, 1000];
    expect(dataError(r).message).toContain('must add up to 10000, not 9500');
  });

  it('given a trial year that ends before it starts, or a date that is not one, when loaded, then it is refused', () => {
    expect(dataError({ ...raw(), trialTo: '2022-12-01' }).path).toBe('trialTo');
    expect(dataError({ ...raw(), effectiveFrom: '2023-02-30' }).path).toBe('effectiveFrom');
  });

  it('given a validity that ends before it starts, or no validity, when loaded, then it is refused (R-POL)', () => {
    expect(dataError({ ...raw(), validTo: '2022-12-01' }).path).toBe('validTo');
    const r = raw();
    delete r.validFrom;
    expect(dataError(r).path).toBe('validFrom');
  });

  it('given an unknown top-level field or a bad id, when loaded, then it is refused', () => {
    expect(dataError({ ...raw(), extra: 1 }).path).toBe('extra');
    expect(dataError({ ...raw(), id: 'Datong 2022' }).path).toBe('id');
    expect(dataError('not an object').path).toBe('(root)');
  });
});

describe('R-SPECIAL overrides are a typed partial of the policy', () => {
  it('given overridable parameters of the right type, when parsed, then they are returned as given', () => {
    expect(
      parsePolicyOverrides({
        site: { renovationCapFen: 800_000_000, leaseYearFen: [300_000, 300_000] },
        effectiveSeat: { minMonths: 10 },
      }),
    ).toEqual({
      site: { renovationCapFen: 800_000_000, leaseYearFen: [300_000, 300_000] },
      effectiveSeat: { minMonths: 10 },
    });
  });

  it('given the person cap, when overridden, then it is a 400 naming the field: it may not be', () => {
    const e = invalid({ seat: { personCapFen: 2_000_000 } });
    expect({ kind: e.kind, details: e.details, message: e.message }).toEqual({
      kind: 'invalid',
      details: { field: 'overrides.seat.personCapFen' },
      message: 'overrides.seat.personCapFen: may not be overridden by special terms',
    });
  });

  it('given an unknown section or parameter, when parsed, then it is a 400 naming it', () => {
    expect(invalid({ bonus: { x: 1 } }).details).toEqual({ field: 'overrides.bonus' });
    expect(invalid({ site: { renovationCap: 1 } }).details).toEqual({
      field: 'overrides.site.renovationCap',
    });
  });

  it('given a wrong type, when parsed, then it is a 400 naming the field and the problem', () => {
    expect(invalid({ site: { renovationCapFen: '8000000' } }).message).toBe(
      'overrides.site.renovationCapFen: must be a whole number',
    );
    expect(invalid({ site: { renovationBasisPoints: 12_000 } }).message).toContain(
      'must be at most 10000',
    );
  });

  it('given a month or other count set to 0, when parsed, then it is a 400 naming the field (issue #12)', () => {
    for (const [section, key] of [
      ['seat', 'monthsPerLaterTranche'],
      ['seat', 'firstTrancheMonths'],
      ['seat', 'firstTrancheMonthsTrialFirstApplication'],
      ['seat', 'minSeats'],
      ['effectiveSeat', 'minMonths'],
      ['effectiveSeat', 'maxOccupants'],
      ['site', 'leaseMinYears'],
      ['site', 'purchaseAreaM2Max'],
    ]) {
      const e = invalid({ [section]: { [key]: 0 } });
      expect([key, e.message]).toEqual([key, `overrides.${section}.${key}: must be at least 1`]);
    }
  });

  it('given an amount or count beyond any plausible policy, when parsed, then it is a 400: products of them must stay exact (issue #12)', () => {
    expect(invalid({ site: { renovationCapFen: Number.MAX_SAFE_INTEGER } }).message).toMatch(
      /^overrides\.site\.renovationCapFen: must be at most \d+$/,
    );
    expect(invalid({ site: { purchaseFenPerM2: 10 ** 12 } }).details).toEqual({
      field: 'overrides.site.purchaseFenPerM2',
    });
    expect(invalid({ site: { leaseYearFen: [250_000, 10 ** 12] } }).details).toEqual({
      field: 'overrides.site.leaseYearFen',
    });
    expect(invalid({ seat: { monthsPerLaterTranche: 1_000 } }).details).toEqual({
      field: 'overrides.seat.monthsPerLaterTranche',
    });
  });

  it('given nothing to override, when parsed, then it is a 400', () => {
    expect(invalid({}).details).toEqual({ field: 'overrides' });
    expect(invalid({ site: {} }).details).toEqual({ field: 'overrides' });
    expect(invalid([]).details).toEqual({ field: 'overrides' });
  });

  it('given overrides, when applied, then only those parameters change and the version id stays', () => {
    const v = applyPolicyOverrides(DATONG_2022, { site: { renovationCapFen: 1 } });
    expect(v.id).toBe('datong-2022');
    expect(v.site.renovationCapFen).toBe(1);
    expect(v.site.renovationBasisPoints).toBe(3_000);
    expect(v.seat).toEqual(DATONG_2022.seat);
    expect(DATONG_2022.site.renovationCapFen).toBe(500_000_000);
  });
});
