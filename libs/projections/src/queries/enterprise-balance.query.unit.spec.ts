import { BalanceRow, enterpriseBalanceOf } from './enterprise-balance.query';

const row = (
  programme: string,
  kind: BalanceRow['kind'],
  amountFen: number,
  businessDate: string,
  recordedAt = `${businessDate}T03:00:00.000Z`,
): BalanceRow => ({ programme, kind, amountFen, businessDate, recordedAt });

const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };

describe('enterpriseBalanceOf', () => {
  it('given no rows, when asked, then seat shows with zeros and nothing else', () => {
    expect(enterpriseBalanceOf([], '2023-12-31', null)).toEqual({
      programmes: { seat: zero },
      totals: zero,
    });
  });

  it('given movements of every kind, when asked as of a date, then the rows up to that date are summed per figure', () => {
    const rows = [
      row('seat', 'approved', 500_000, '2023-02-01'),
      row('seat', 'approved', -250_000, '2023-03-01'),
      row('seat', 'disbursed', 250_000, '2023-04-10'),
      row('seat', 'clawbackDue', 100_000, '2024-03-10'),
      row('seat', 'recovered', 40_000, '2024-04-15'),
    ];
    expect(enterpriseBalanceOf(rows, '2023-03-01', null).programmes.seat).toEqual({
      ...zero,
      approvedFen: 250_000,
    });
    expect(enterpriseBalanceOf(rows, '2024-12-31', null).totals).toEqual({
      approvedFen: 250_000,
      disbursedFen: 250_000,
      clawbackDueFen: 100_000,
      recoveredFen: 40_000,
    });
  });

  it('given a backdated payment, when asked as known before it was recorded, then it is left out', () => {
    const rows = [
      row('seat', 'approved', 500_000, '2023-02-01'),
      row('seat', 'disbursed', 500_000, '2023-03-31', '2023-04-10T03:00:00.000Z'),
    ];
    const before = enterpriseBalanceOf(rows, '2023-12-31', '2023-04-01T00:00:00.000Z');
    const after = enterpriseBalanceOf(rows, '2023-12-31', '2023-04-10T03:00:00.000Z');
    expect(before.totals.disbursedFen).toBe(0);
    expect(after.totals.disbursedFen).toBe(500_000);
  });

  it('given site programmes, when asked, then seat comes first, the others in binary order, and totals add them all', () => {
    const rows = [
      row('siteRenovation', 'approved', 30_000, '2023-05-01'),
      row('siteLease', 'approved', 20_000, '2023-05-01'),
      row('seat', 'approved', 10_000, '2023-05-01'),
    ];
    const balance = enterpriseBalanceOf(rows, '2023-05-01', null);
    expect(Object.keys(balance.programmes)).toEqual(['seat', 'siteLease', 'siteRenovation']);
    expect(balance.totals.approvedFen).toBe(60_000);
  });

  it('given sums beyond 2^53 fen, when asked, then RangeError instead of a wrong number', () => {
    const rows = [
      row('seat', 'approved', Number.MAX_SAFE_INTEGER, '2023-05-01'),
      row('seat', 'approved', 2, '2023-05-01'),
    ];
    expect(() => enterpriseBalanceOf(rows, '2023-05-01', null)).toThrow(RangeError);
  });
});
