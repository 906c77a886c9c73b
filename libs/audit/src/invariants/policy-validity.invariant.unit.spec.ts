import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { PolicyValidityInvariant } from './policy-validity.invariant';

const spec = invariantSpecification(() => new PolicyValidityInvariant(DEFAULT_POLICY_TABLE.list()));

describe('R-POL over the history (PolicyValidityInvariant)', () => {
  it.each([
    ['SeatApplicationSubmitted', { submittedOn: '2022-12-23' }],
    ['SiteApplicationSubmitted', { submittedOn: '2023-12-22' }],
    ['EffectiveSeatRecognitionStarted', { recognizedOn: '2023-06-01' }],
    ['InternshipApplicationSubmitted', { year: 2023, submittedOn: '2024-02-15' }],
  ])(
    'given datong-2022 (2022-12-23 to 2023-12-22), when a %s is dated inside it, then it holds',
    (type, data) => {
      spec.given().when(event(type, data)).thenHolds();
    },
  );

  it.each([
    ['SeatApplicationSubmitted', { submittedOn: '2023-12-23' }, /2023-12-23/],
    ['SiteApplicationSubmitted', { submittedOn: '2024-03-01' }, /2024-03-01/],
    ['EffectiveSeatRecognitionStarted', { recognizedOn: '2022-12-22' }, /2022-12-22/],
    ['InternshipApplicationSubmitted', { year: 2024, submittedOn: '2024-02-15' }, /2024-01-01/],
  ])(
    'given a hand-made history with a %s dated outside every version, then R-POL is broken',
    (type, data, date) => {
      spec.given().when(event(type, data)).thenViolates('R-POL', date);
    },
  );

  it('given an application accepted in time, when its later tranche is approved and paid in 2024, then it holds: later steps keep their schedule', () => {
    spec
      .given(event('SeatApplicationSubmitted', { submittedOn: '2023-12-22' }))
      .when(event('TrancheApproved', { decidedOn: '2024-09-01', tranche: 2 }))
      .thenHolds();
  });
});
