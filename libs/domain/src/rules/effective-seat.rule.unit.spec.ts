import { DATONG_2022 } from '../policy/datong-2022.policy';
import { effectiveSeatRule, effectiveSeatsOn } from './effective-seat.rule';

const months = (from: string, count: number): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};
const occupant = (from: string, count: number) => ({
  wageMonths: months(from, count),
  insuranceMonths: months(from, count),
});

describe('R-EFF effective seat: 12+ months by at most 3 occupants in turn', () => {
  it('given one occupant with 11 months of wages and insurance, when recognised, then it is refused naming R-EFF', () => {
    expect(effectiveSeatRule([occupant('2023-01', 11)], '2024-01-10', DATONG_2022)).toEqual({
      refusal: {
        rule: 'R-EFF',
        reason: 'the seat shows 11 months of wages and insurance; at least 12 are needed',
      },
    });
  });

  it('given one occupant with 12 months, when recognised, then the seat is effective with those 12 months', () => {
    expect(effectiveSeatRule([occupant('2023-01', 12)], '2024-01-10', DATONG_2022)).toEqual({
      months: months('2023-01', 12),
    });
  });

  it('given 3 occupants in turn (4 + 4 + 4 months), when recognised, then the seat is effective', () => {
    const decision = effectiveSeatRule(
      [occupant('2023-01', 4), occupant('2023-05', 4), occupant('2023-09', 4)],
      '2024-01-10',
      DATONG_2022,
    );
    expect(decision).toEqual({ months: months('2023-01', 12) });
  });

  it('given 4 occupants in turn (3 months each), when recognised, then it is refused naming R-EFF: at most 3', () => {
    const decision = effectiveSeatRule(
      [
        occupant('2023-01', 3),
        occupant('2023-04', 3),
        occupant('2023-07', 3),
        occupant('2023-10', 3),
      ],
      '2024-01-10',
      DATONG_2022,
    );
    expect(decision).toEqual({
      refusal: {
        rule: 'R-EFF',
        reason: 'the seat has 4 occupants; at most 3 in turn are allowed',
      },
    });
  });

  it('given a hand-over month paid to both occupants, when recognised, then the month counts once (11 distinct months is refused)', () => {
    const decision = effectiveSeatRule(
      [occupant('2023-01', 6), occupant('2023-06', 6)],
      '2024-01-10',
      DATONG_2022,
    );
    expect(decision).toMatchObject({ refusal: { rule: 'R-EFF' } });
    expect('refusal' in decision && decision.refusal.reason).toContain('shows 11 months');
  });

  it('given wages without insurance in one month, when recognised, then that month does not count (R-SEAT-2 months)', () => {
    const o = occupant('2023-01', 12);
    o.insuranceMonths = o.insuranceMonths.filter((m) => m !== '2023-06');
    expect(effectiveSeatRule([o], '2024-01-10', DATONG_2022)).toMatchObject({
      refusal: { rule: 'R-EFF' },
    });
  });

  it('given 12 months of which the last is after the month of recognition, when recognised on 2023-11-30, then only 11 count', () => {
    expect(effectiveSeatRule([occupant('2023-01', 12)], '2023-11-30', DATONG_2022)).toMatchObject({
      refusal: { rule: 'R-EFF' },
    });
  });

  it('given no occupant, when recognised, then it is refused naming R-EFF', () => {
    expect(effectiveSeatRule([], '2024-01-10', DATONG_2022)).toMatchObject({
      refusal: { rule: 'R-EFF' },
    });
  });

  it('given special terms lowering the months to 10, when 10 months are shown, then the seat is effective', () => {
    const policy = { ...DATONG_2022, effectiveSeat: { minMonths: 10, maxOccupants: 3 } };
    expect(effectiveSeatRule([occupant('2023-01', 10)], '2024-01-10', policy)).toEqual({
      months: months('2023-01', 10),
    });
  });
});

describe('R-EFF the effective-seat count on a date', () => {
  const recognitions = [
    { recognitionId: 'r1', recognizedOn: '2023-06-01', recognized: 10 },
    { recognitionId: 'r2', recognizedOn: '2024-01-10', recognized: 25 },
    { recognitionId: 'r3', recognizedOn: '2024-01-10', recognized: 30 },
    // Entered late with an earlier business date.
    { recognitionId: 'r4', recognizedOn: '2023-09-01', recognized: 12 },
  ];

  it('given no recognition yet, when asked, then the count is 0', () => {
    expect(effectiveSeatsOn(recognitions, '2023-05-31')).toEqual({ effectiveSeats: 0 });
  });

  it('given a recognition on 2023-06-01, when asked on that day, then its count applies', () => {
    expect(effectiveSeatsOn(recognitions, '2023-06-01').effectiveSeats).toBe(10);
  });

  it('given a later recognition entered with an earlier date, when asked between, then the latest on or before the date wins', () => {
    expect(effectiveSeatsOn(recognitions, '2023-12-31').effectiveSeats).toBe(12);
  });

  it('given two recognitions on one day, when asked, then the one recorded later wins', () => {
    expect(effectiveSeatsOn(recognitions, '2025-01-01')).toEqual({
      effectiveSeats: 30,
      recognition: recognitions[2],
    });
  });
});
