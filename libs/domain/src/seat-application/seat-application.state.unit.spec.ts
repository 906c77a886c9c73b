import { SeatApplicationEvent, SubmittedClaim } from './seat-application.events';
import { foldSeatApplication } from './seat-application.state';

const claim = (n: number, extra: object = {}): SubmittedClaim =>
  ({
    claimId: `app-1.c${n}`,
    personKey: `k${n}`,
    personId: '110101199001011234',
    personIdMasked: '110101********1234',
    name: '张三',
    wageMonths: ['2023-01', '2023-02'],
    insuranceMonths: ['2023-01'],
    months: ['2023-01'],
    ...extra,
  }) as SubmittedClaim;

const submitted = (claims: SubmittedClaim[]): SeatApplicationEvent => ({
  type: 'SeatApplicationSubmitted',
  data: {
    processId: 'p-1',
    applicationId: 'app-1',
    enterpriseId: 'e-1',
    submittedOn: '2023-02-01',
    policyVersion: 'v1',
    claims,
  },
});

describe('the seat application fold (ADR 0020 §72: claims copied without a trailing spread)', () => {
  it('given a submission, when folded, then each claim is the submitted one, pending', () => {
    const state = foldSeatApplication([submitted([claim(1), claim(2)])]);
    expect([...state.claims.values()]).toStrictEqual([
      { ...claim(1), status: 'pending' },
      { ...claim(2), status: 'pending' },
    ]);
  });

  it('given a submitted claim that carries a status of its own, when folded, then it is pending all the same', () => {
    const state = foldSeatApplication([submitted([claim(1, { status: 'approved' })])]);
    expect(state.claims.get('app-1.c1')!.status).toBe('pending');
  });

  it('given a submission then its check, when folded, then the check’s rule, reason and conflicts are on the claim and the submission’s event is untouched', () => {
    const event = submitted([claim(1), claim(2)]);
    const state = foldSeatApplication([
      event,
      {
        type: 'SeatApplicationChecked',
        data: {
          processId: 'p-1',
          applicationId: 'app-1',
          ordinal: 1,
          firstTrancheMonths: 6,
          results: [
            { claimId: 'app-1.c1', status: 'submitted' },
            {
              claimId: 'app-1.c2',
              status: 'refused',
              rule: 'R-SEAT-5',
              reason: 'claimed elsewhere',
              conflictsWith: [],
            },
          ],
        },
      } as unknown as SeatApplicationEvent,
    ]);
    expect(state.claims.get('app-1.c2')).toMatchObject({
      status: 'refused',
      rule: 'R-SEAT-5',
      reason: 'claimed elsewhere',
    });
    expect(state.claims.get('app-1.c1')!.status).toBe('submitted');
    expect(event.data).toEqual(submitted([claim(1), claim(2)]).data);
  });
});
