import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { EnterpriseState, initialEnterpriseState } from '../enterprise/enterprise.decider';
import { spec } from '../testing/decider-specification';
import {
  decideCompleteRecognition,
  decideCountLeaseSeats,
  decideReleaseLeaseSeats,
  decideStartRecognition,
  effectiveSeatCountOn,
  evolveEffectiveSeats,
  foldEffectiveSeats,
  initialEffectiveSeatsState,
  RecognizeEffectiveSeatsCommand,
} from './effective-seat.decider';
import { EffectiveSeatEvent } from './effective-seat.events';

const E = makeCreditCode(7001);
const decider = spec({ initial: initialEffectiveSeatsState, evolve: evolveEffectiveSeats });
const effective = { policy: DATONG_2022, policyVersion: 'datong-2022' };
const registered: EnterpriseState = {
  ...initialEnterpriseState(),
  registered: true,
  enterpriseId: E,
};

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
const occupant = (n: number, from: string, count: number) => ({
  personKey: `pk-${n}`,
  personId: `id-${n}`,
  personIdMasked: `masked-${n}`,
  name: `person ${n}`,
  wageMonths: months(from, count),
  insuranceMonths: months(from, count),
});
const recognize = (
  seats: RecognizeEffectiveSeatsCommand['seats'],
  recognitionId = 'r1',
  recognizedOn = '2023-12-20',
): RecognizeEffectiveSeatsCommand => ({
  recognitionId,
  enterpriseId: E,
  recognizedOn,
  recognizedBy: 'rita',
  seats,
});

const started = (
  recognitionId: string,
  recognizedOn: string,
  seatRefs: string[],
): EffectiveSeatEvent => ({
  type: 'EffectiveSeatRecognitionStarted',
  data: {
    processId: recognitionId,
    recognitionId,
    enterpriseId: E,
    recognizedOn,
    recognizedBy: 'rita',
    policyVersion: 'datong-2022',
    candidates: seatRefs.map((seatRef, i) => ({
      seatRef,
      occupancyId: `${recognitionId}:${seatRef}`,
      months: months('2023-01', 12),
      occupants: [{ ...occupant(i, '2023-01', 12), months: months('2023-01', 12) }],
    })),
    refused: [],
  },
});
const recognized = (
  recognitionId: string,
  recognizedOn: string,
  count: number,
): EffectiveSeatEvent => ({
  type: 'EffectiveSeatsRecognized',
  data: {
    processId: recognitionId,
    recognitionId,
    enterpriseId: E,
    recognizedOn,
    policyVersion: 'datong-2022',
    recognized: count,
    seats: [],
  },
});

describe('effective seats decider (R-EFF)', () => {
  it('given a registered enterprise, when a roster with a 12-month seat and an 11-month seat is recognised, then the first goes to its persons and the second is refused at once', () => {
    decider
      .given([])
      .when((s) =>
        decideStartRecognition(
          s,
          registered,
          recognize([
            { seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] },
            { seatRef: 'A-2', occupants: [occupant(2, '2023-01', 11)] },
          ]),
          effective,
        ),
      )
      .then([
        {
          type: 'EffectiveSeatRecognitionStarted',
          data: {
            processId: 'r1',
            recognitionId: 'r1',
            enterpriseId: E,
            recognizedOn: '2023-12-20',
            recognizedBy: 'rita',
            policyVersion: 'datong-2022',
            candidates: [
              {
                seatRef: 'A-1',
                occupancyId: 'r1:A-1',
                months: months('2023-01', 12),
                occupants: [{ ...occupant(1, '2023-01', 12), months: months('2023-01', 12) }],
              },
            ],
            refused: [
              {
                seatRef: 'A-2',
                rule: 'R-EFF',
                reason: 'the seat shows 11 months of wages and insurance; at least 12 are needed',
              },
            ],
          },
        },
      ]);
  });

  it('given special terms, when a roster is recognised, then the start records their id', () => {
    const [event] = decideStartRecognition(
      initialEffectiveSeatsState(),
      registered,
      recognize([{ seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] }]),
      { ...effective, specialTermsId: 'terms-1' },
    );
    expect(event.data).toMatchObject({ policyVersion: 'datong-2022', specialTermsId: 'terms-1' });
  });

  it('given an unregistered enterprise, when a roster is recognised, then 404', () => {
    decider
      .given([])
      .when((s) =>
        decideStartRecognition(
          s,
          initialEnterpriseState(),
          recognize([{ seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] }]),
          effective,
        ),
      )
      .thenThrows({ kind: 'not_found' });
  });

  it('given one seat reference twice, or a person twice in a seat, when recognised, then 400 naming the field', () => {
    decider
      .given([])
      .when((s) =>
        decideStartRecognition(
          s,
          registered,
          recognize([
            { seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] },
            { seatRef: 'A-1', occupants: [occupant(2, '2023-01', 12)] },
          ]),
          effective,
        ),
      )
      .thenThrows({ kind: 'invalid', details: { field: 'seats.1.seatRef' } });
    decider
      .given([])
      .when((s) =>
        decideStartRecognition(
          s,
          registered,
          recognize([
            { seatRef: 'A-1', occupants: [occupant(1, '2023-01', 6), occupant(1, '2023-07', 6)] },
          ]),
          effective,
        ),
      )
      .thenThrows({ kind: 'invalid', details: { field: 'seats.0.occupants.1.personId' } });
  });

  it('given a month after the month of recognition, when recognised, then 422 naming R-EFF', () => {
    decider
      .given([])
      .when((s) =>
        decideStartRecognition(
          s,
          registered,
          recognize(
            [{ seatRef: 'A-1', occupants: [occupant(1, '2023-01', 13)] }],
            'r1',
            '2023-12-10',
          ),
          effective,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-EFF', message: /2024-01 is after/ });
  });

  it('given a recognition still open, when another is started, then 409', () => {
    decider
      .given([started('r1', '2024-01-10', ['A-1'])])
      .when((s) =>
        decideStartRecognition(
          s,
          registered,
          recognize([{ seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] }], 'r2'),
          effective,
        ),
      )
      .thenThrows({ kind: 'conflict' });
  });

  it('given a started recognition, when its seats have outcomes, then the end counts the recognised ones', () => {
    decider
      .given([started('r1', '2024-01-10', ['A-1', 'A-2'])])
      .when((s) =>
        decideCompleteRecognition(
          s,
          'r1',
          new Map([
            ['A-1', { seatRef: 'A-1', status: 'recognized' as const, months: 12, occupants: 1 }],
            [
              'A-2',
              {
                seatRef: 'A-2',
                status: 'refused' as const,
                months: 12,
                occupants: 1,
                rule: 'R-SEAT-6',
                reason: 'months 2023-01 are already held',
              },
            ],
          ]),
        ),
      )
      .then([
        {
          type: 'EffectiveSeatsRecognized',
          data: {
            processId: 'r1',
            recognitionId: 'r1',
            enterpriseId: E,
            recognizedOn: '2024-01-10',
            policyVersion: 'datong-2022',
            recognized: 1,
            seats: [
              { seatRef: 'A-1', status: 'recognized', months: 12, occupants: 1 },
              {
                seatRef: 'A-2',
                status: 'refused',
                months: 12,
                occupants: 1,
                rule: 'R-SEAT-6',
                reason: 'months 2023-01 are already held',
              },
            ],
          },
        },
      ]);
  });

  it('given a finished recognition, when it is completed again (a retry), then nothing is written', () => {
    decider
      .given([started('r1', '2024-01-10', ['A-1']), recognized('r1', '2024-01-10', 1)])
      .when((s) => decideCompleteRecognition(s, 'r1', new Map()))
      .thenNothing();
  });

  it('given recognitions of 40 seats on 2023-01-05 and 60 on 2024-01-05, when counted, then the count on a date is the latest on or before it', () => {
    const s = foldEffectiveSeats([
      started('r1', '2023-01-05', []),
      recognized('r1', '2023-01-05', 40),
      started('r2', '2024-01-05', []),
      recognized('r2', '2024-01-05', 60),
    ]);
    expect(effectiveSeatCountOn(s, '2023-01-04').effectiveSeats).toBe(0);
    expect(effectiveSeatCountOn(s, '2023-12-31').effectiveSeats).toBe(40);
    expect(effectiveSeatCountOn(s, '2024-01-05').effectiveSeats).toBe(60);
  });
});

describe('effective seats decider: lease seats counted once a year across leases (R-SITE-LEASE)', () => {
  const history = [started('r1', '2023-01-05', []), recognized('r1', '2023-01-05', 40)];
  const count = (
    trancheId: string,
    siteId: string,
    decidedOn: string,
    from: string,
    to: string,
  ) => ({
    trancheId,
    siteId,
    enterpriseId: E,
    decidedOn,
    leaseYearFrom: from,
    leaseYearTo: to,
  });

  it('given 40 effective seats, when the first lease counts its year 1, then it counts all 40', () => {
    decider
      .given(history)
      .when((s) =>
        decideCountLeaseSeats(s, count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29')),
      )
      .then([
        {
          type: 'LeaseSeatsCounted',
          data: {
            ...count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29'),
            effectiveSeats: 40,
            countedElsewhere: 0,
            seats: 40,
            recognitionId: 'r1',
          },
        },
      ]);
  });

  it('given another lease of the enterprise counting 40 seats for a year containing the date, when a second lease counts, then it gets 0', () => {
    const first = decideCountLeaseSeats(
      foldEffectiveSeats(history),
      count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29'),
    );
    decider
      .given([...history, ...first])
      .when((s) =>
        decideCountLeaseSeats(s, count('s2.y1', 's2', '2023-09-05', '2023-09-01', '2024-08-31')),
      )
      .then([
        {
          type: 'LeaseSeatsCounted',
          data: {
            ...count('s2.y1', 's2', '2023-09-05', '2023-09-01', '2024-08-31'),
            effectiveSeats: 40,
            countedElsewhere: 40,
            seats: 0,
            recognitionId: 'r1',
          },
        },
      ]);
  });

  it('given 40 seats recognised on 2023-01-05 and 60 on 2024-01-05, when lease year 1 (2023) is decided in 2025, then it counts the 40 of its last day, not the 60 of the decision date', () => {
    const later = [...history, started('r2', '2024-01-05', []), recognized('r2', '2024-01-05', 60)];
    decider
      .given(later)
      .when((s) =>
        decideCountLeaseSeats(s, {
          ...count('s1.y1', 's1', '2025-02-10', '2023-01-01', '2023-12-31'),
          countedOn: '2023-12-31',
        }),
      )
      .then([
        {
          type: 'LeaseSeatsCounted',
          data: {
            ...count('s1.y1', 's1', '2025-02-10', '2023-01-01', '2023-12-31'),
            countedOn: '2023-12-31',
            effectiveSeats: 40,
            countedElsewhere: 0,
            seats: 40,
            recognitionId: 'r1',
          },
        },
      ]);
  });

  it('given another lease counting 40 seats for 2023, when a late tranche of a second lease counts a day of 2023, then it gets 0 (a seat once a year)', () => {
    const first = decideCountLeaseSeats(
      foldEffectiveSeats(history),
      count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29'),
    );
    const [counted] = decideCountLeaseSeats(foldEffectiveSeats([...history, ...first]), {
      ...count('s2.y1', 's2', '2025-02-10', '2023-01-01', '2023-12-31'),
      countedOn: '2023-12-31',
    });
    expect(counted.data).toMatchObject({ effectiveSeats: 40, countedElsewhere: 40, seats: 0 });
  });

  it('given a counted lease tranche, when counted again (a retry), then nothing is written; once released, the other lease gets the seats', () => {
    const first = decideCountLeaseSeats(
      foldEffectiveSeats(history),
      count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29'),
    );
    decider
      .given([...history, ...first])
      .when((s) =>
        decideCountLeaseSeats(s, count('s1.y1', 's1', '2023-03-10', '2023-03-01', '2024-02-29')),
      )
      .thenNothing();
    const released = decideReleaseLeaseSeats(foldEffectiveSeats([...history, ...first]), {
      trancheId: 's1.y1',
      releasedOn: '2023-03-20',
      reason: 'objection upheld',
    });
    expect(released).toEqual([
      {
        type: 'LeaseSeatsReleased',
        data: {
          trancheId: 's1.y1',
          siteId: 's1',
          enterpriseId: E,
          seats: 40,
          releasedOn: '2023-03-20',
          reason: 'objection upheld',
        },
      },
    ]);
    const [counted] = decideCountLeaseSeats(
      foldEffectiveSeats([...history, ...first, ...released]),
      count('s2.y1', 's2', '2023-09-05', '2023-09-01', '2024-08-31'),
    );
    expect(counted.data).toMatchObject({ seats: 40, countedElsewhere: 0 });
  });
});
