import { LedgerError } from '../shared/ledger-error';
import { DATONG_2022 } from './datong-2022.policy';
import { DEFAULT_POLICY_TABLE, PolicyTable } from './policy-table';
import { PolicyVersion } from './policy-version';

/** A later version for tests only: it changes the first-tranche months and the notice length. */
const DATONG_2024: PolicyVersion = {
  ...DATONG_2022,
  id: 'datong-2024-test',
  effectiveFrom: '2024-07-01',
  seat: { ...DATONG_2022.seat, firstTrancheMonths: 4 },
  publicity: { minDays: 10 },
};

function inForceError(table: PolicyTable, date: string): LedgerError {
  try {
    table.inForceOn(date);
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error(`a policy was in force on ${date}`);
}

describe('R-POL the policy is versioned data', () => {
  describe('the default table', () => {
    it('given the default table, when asked for 2022-12-23 (the effective date), then datong-2022 is in force', () => {
      expect(DEFAULT_POLICY_TABLE.inForceOn('2022-12-23')).toBe(DATONG_2022);
    });

    it('given the default table, when asked for a date long after, then datong-2022 is still in force', () => {
      expect(DEFAULT_POLICY_TABLE.inForceOn('2030-01-01').id).toBe('datong-2022');
    });

    it('given the default table, when asked for 2022-12-22 (before the first version), then it is a rule error naming R-POL', () => {
      const error = inForceError(DEFAULT_POLICY_TABLE, '2022-12-22');
      expect({ kind: error.kind, rule: error.rule, details: error.details }).toEqual({
        kind: 'rule',
        rule: 'R-POL',
        details: { earliest: '2022-12-23' },
      });
      expect(error.message).toBe('no policy was in force on 2022-12-22');
    });

    it('given datong-2022, when its parameters are read, then they are the numbers of RULES.md', () => {
      expect(DATONG_2022).toMatchObject({
        effectiveFrom: '2022-12-23',
        trialFrom: '2022-12-23',
        trialTo: '2023-12-22',
        seat: {
          minSeats: 200,
          firstTrancheMonths: 6,
          firstTrancheMonthsTrialFirstApplication: 2,
          trancheCount: 4,
          trancheFen: 250_000,
          monthsPerLaterTranche: 6,
          windowMonths: 24,
          personCapFen: 1_000_000,
          educationShareMinBasisPoints: 2_000,
        },
        publicity: { minDays: 7 },
      });
    });
  });

  describe('a table with a second version effective 2024-07-01', () => {
    // Given out of order: the table sorts by effective date.
    const table = new PolicyTable([DATONG_2024, DATONG_2022]);

    it('given two versions, when asked for 2024-06-30, then datong-2022 is in force', () => {
      expect(table.inForceOn('2024-06-30').id).toBe('datong-2022');
    });

    it('given two versions, when asked for 2024-07-01 (its effective date), then the new version is in force', () => {
      expect(table.inForceOn('2024-07-01').id).toBe('datong-2024-test');
    });

    it('given two versions, when asked for a date after the second, then the new version is in force', () => {
      expect(table.inForceOn('2025-01-15')).toBe(DATONG_2024);
    });

    it('given two versions, when asked for a date before both, then it is a rule error naming R-POL', () => {
      expect(inForceError(table, '2022-01-01')).toMatchObject({ kind: 'rule', rule: 'R-POL' });
    });

    it('given two versions, when listed, then they are oldest first', () => {
      expect(table.list().map((v) => v.id)).toEqual(['datong-2022', 'datong-2024-test']);
    });

    it('given two versions, when one is looked up by id (a replay), then it is found whatever the date', () => {
      expect(table.byId('datong-2022')).toBe(DATONG_2022);
      expect(table.byId('datong-2024-test')).toBe(DATONG_2024);
    });

    it('given two versions, when an unknown id is looked up, then it throws a RangeError', () => {
      expect(() => table.byId('datong-1999')).toThrow(RangeError);
    });
  });

  describe('validity (validFrom to validTo)', () => {
    it('given the default table, when asked which version is valid on 2022-12-23 and on 2023-12-22, then datong-2022 both days', () => {
      expect(DEFAULT_POLICY_TABLE.validOn('2022-12-23')).toBe(DATONG_2022);
      expect(DEFAULT_POLICY_TABLE.validOn('2023-12-22')).toBe(DATONG_2022);
    });

    it('given the default table, when asked for 2023-12-23 (the day after the trial), then no version is valid: R-POL; the numbers for later tranches are still datong-2022', () => {
      expect(() => DEFAULT_POLICY_TABLE.validOn('2023-12-23')).toThrow(
        expect.objectContaining({
          kind: 'rule',
          rule: 'R-POL',
          details: { validFrom: '2022-12-23', validTo: '2023-12-22' },
        }),
      );
      expect(DEFAULT_POLICY_TABLE.inForceOn('2023-12-23')).toBe(DATONG_2022);
    });

    it('given the default table, when asked for 2022-12-22 (the day before), then R-POL', () => {
      expect(inForceError(DEFAULT_POLICY_TABLE, '2022-12-22').rule).toBe('R-POL');
      expect(() => DEFAULT_POLICY_TABLE.validOn('2022-12-22')).toThrow(
        expect.objectContaining({ rule: 'R-POL' }),
      );
    });

    it('given a later version valid from 2024-07-01, when asked for a date in the gap and one after, then the gap is R-POL and the later date is the new version', () => {
      const table = new PolicyTable([
        DATONG_2022,
        { ...DATONG_2024, validFrom: '2024-07-01', validTo: '2025-06-30' },
      ]);
      expect(() => table.validOn('2024-03-01')).toThrow(expect.objectContaining({ rule: 'R-POL' }));
      expect(table.validOn('2024-07-01').id).toBe('datong-2024-test');
    });
  });

  it('given no versions, when a table is built, then it throws a RangeError', () => {
    expect(() => new PolicyTable([])).toThrow(RangeError);
  });

  it('given two versions with one id or one effective date, when a table is built, then it throws a RangeError', () => {
    expect(
      () => new PolicyTable([DATONG_2022, { ...DATONG_2022, effectiveFrom: '2025-01-01' }]),
    ).toThrow(RangeError);
    expect(
      () => new PolicyTable([DATONG_2022, { ...DATONG_2024, effectiveFrom: '2022-12-23' }]),
    ).toThrow(RangeError);
  });

  it('given the default table, when a later version is added with `with`, then both are listed and the original is unchanged', () => {
    const table = DEFAULT_POLICY_TABLE.with(DATONG_2024);
    expect(table.list().map((v) => v.id)).toEqual(['datong-2022', 'datong-2024-test']);
    expect(DEFAULT_POLICY_TABLE.list()).toHaveLength(1);
  });
});
