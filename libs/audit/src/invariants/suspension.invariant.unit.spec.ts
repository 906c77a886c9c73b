import { event, invariantSpecification } from '../testing/invariant-specification';
import { SuspensionInvariant } from './suspension.invariant';

const spec = invariantSpecification(() => new SuspensionInvariant());
const E = '91140200MA0000001X';
const S = '52140200MB0000002Y';
const suspended = (caseId = 'case-1') =>
  event('EnterpriseSuspended', { enterpriseId: E, caseId, suspendedOn: '2024-03-01', reason: 'x' });
const lifted = (caseId = 'case-1') =>
  event('EnterpriseSuspensionLifted', {
    enterpriseId: E,
    caseId,
    liftedOn: '2024-05-01',
    reason: 'x',
  });
const paid = (enterpriseId = E) =>
  event('TrancheDisbursed', {
    applicationId: 'a1',
    enterpriseId,
    trancheId: 'a1.t1',
    disbursementId: 'd1',
    paidOn: '2024-02-20',
    amountFen: 250_000,
    bankRef: 'B1',
    paidBy: 'fay',
  });

describe('R-FRAUD over the history: no approval or payment while suspended (SuspensionInvariant)', () => {
  it('given an enterprise paid before its suspension, when the suspension is recorded, then it holds', () => {
    spec.given(paid()).when(suspended()).thenHolds();
  });

  it('given an enterprise suspended by a case, when a payment of it is recorded after the suspension, then it is named with the case', () => {
    spec
      .given(suspended())
      .when(paid())
      .thenViolates('R-FRAUD', /TrancheDisbursed of tranche a1\.t1 .*suspended by case case-1/);
  });

  it.each([
    ['TrancheApprovalStarted', { applicationId: 'a1', enterpriseId: E, trancheId: 'a1.t2' }],
    ['TrancheApproved', { applicationId: 'a1', enterpriseId: E, trancheId: 'a1.t2' }],
    ['SiteTrancheApprovalStarted', { siteId: 's1', enterpriseId: E, trancheId: 's1.y1' }],
    ['SiteTrancheApproved', { siteId: 's1', enterpriseId: E, trancheId: 's1.y1' }],
    ['SiteTrancheDisbursed', { siteId: 's1', enterpriseId: E, trancheId: 's1.y1' }],
  ])('given a suspended enterprise, when %s of it is recorded, then it is named', (type, data) => {
    spec
      .given(suspended())
      .when(event(type, data))
      .thenViolates('R-FRAUD', /suspended by case/);
  });

  it('given the suspension lifted, when a payment is recorded, then it holds; another enterprise is never affected', () => {
    spec.given(suspended(), lifted()).when(paid()).thenHolds();
    spec.given(suspended()).when(paid('91140200MA0000003Z')).thenHolds();
  });

  it('given two cases suspending it and one lifted, when a payment is recorded, then the other still suspends it', () => {
    spec
      .given(suspended('case-1'), suspended('case-2'), lifted('case-1'))
      .when(paid())
      .thenViolates('R-FRAUD', /case-2/);
  });

  it('given a school suspended by a case, when its internship tranche is approved or paid, then it is named; after the lift it holds', () => {
    const schoolSuspended = event('SchoolSuspended', {
      schoolId: S,
      caseId: 'case-9',
      suspendedOn: '2024-03-01',
      reason: 'x',
    });
    const reward = (type: string) =>
      event(type, { applicationId: 'i1', schoolId: S, trancheId: 'i1.i1' });
    spec
      .given(schoolSuspended)
      .when(reward('InternshipTrancheDisbursed'))
      .thenViolates('R-FRAUD', new RegExp(`school ${S}`));
    spec
      .given(schoolSuspended)
      .when(reward('InternshipTrancheApprovalStarted'))
      .thenViolates('R-FRAUD', /suspended by case case-9/);
    spec
      .given(
        schoolSuspended,
        event('SchoolSuspensionLifted', { schoolId: S, caseId: 'case-9', liftedOn: '2024-05-01' }),
      )
      .when(reward('InternshipTrancheApproved'))
      .thenHolds();
  });
});
