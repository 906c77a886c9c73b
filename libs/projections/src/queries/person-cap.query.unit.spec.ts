import { PersonCapRow, personCapOf } from './person-cap.query';

const row = (
  enterpriseId: string,
  amountFen: number,
  businessDate: string,
  recordedAt = `${businessDate}T02:00:00.000Z`,
): PersonCapRow => ({ enterpriseId, amountFen, businessDate, recordedAt });

describe('personCapOf (R-SEAT-5)', () => {
  const rows = [
    row('E2', 200_000, '2023-02-01'),
    row('E1', 300_000, '2023-01-15'),
    row('E1', -300_000, '2023-06-01'),
    row('E3', 100_000, '2023-07-01', '2023-08-01T02:00:00.000Z'),
  ];

  it('given reservations and a release, when asked without dates, then enterprises whose share nets to zero are left out, the rest by id', () => {
    expect(personCapOf(rows, undefined, null)).toEqual({
      usedFen: 300_000,
      byEnterprise: [
        { enterpriseId: 'E2', usedFen: 200_000 },
        { enterpriseId: 'E3', usedFen: 100_000 },
      ],
    });
  });

  it('given a release later on, when asked as of a date before it, then the reservation still counts', () => {
    expect(personCapOf(rows, '2023-05-31', null)).toEqual({
      usedFen: 500_000,
      byEnterprise: [
        { enterpriseId: 'E1', usedFen: 300_000 },
        { enterpriseId: 'E2', usedFen: 200_000 },
      ],
    });
  });

  it('given a reservation recorded late, when asked as known before then, then it is left out', () => {
    expect(personCapOf(rows, undefined, '2023-07-31T00:00:00.000Z').usedFen).toBe(200_000);
  });
});
