import { event, invariantSpecification } from '../testing/invariant-specification';
import { BankReferenceInvariant } from './bank-reference.invariant';

const spec = invariantSpecification(() => new BankReferenceInvariant());
const paid = (disbursementId: string, bankRef: string, type = 'TrancheDisbursed') =>
  event(type, { trancheId: 'a1.t1', disbursementId, bankRef, amountFen: 250_000 });
const recovery = (recoveryId: string, caseId: string, bankRef: string) =>
  event('RecoveryRecorded', { caseId, recoveryId, bankRef, amountFen: 250_000, allocations: [] });
const released = (processId: string, kind: 'payment' | 'recovery', bankRef = 'ICBC-1') =>
  event('BankReferenceReleased', { bankRef, processId, kind, reason: 'refused' });

describe('R-PAY and R-FRAUD: one transfer counted once (BankReferenceInvariant)', () => {
  it('given a payment and a recovery with other references, when recovered again with a third, then it holds', () => {
    spec
      .given(paid('d1', 'ICBC-1'), recovery('r1', 'case1', 'BACK-1'))
      .when(recovery('r2', 'case2', 'BACK-2'))
      .thenHolds();
  });

  it('given a recovery of one case (recorded before references were shared), when another case records the same reference, then it is counted twice', () => {
    spec
      .given(recovery('r1', 'case1', 'BACK-1'))
      .when(recovery('r2', 'case2', 'BACK-1'))
      .thenViolates(
        'R-FRAUD',
        /BACK-1 is counted by recovery r2 of case case2 and by recovery r1 of case case1/,
      );
  });

  it("given a payment, when a recovery uses the payment's reference, then it is named", () => {
    spec
      .given(paid('d1', 'ICBC-1', 'SiteTrancheDisbursed'))
      .when(recovery('r1', 'case1', 'ICBC-1'))
      .thenViolates('R-FRAUD', /ICBC-1 is counted by recovery r1 of case case1 and by payment d1/);
  });

  it("given a recovery, when a payment uses the recovery's reference, then it is named", () => {
    spec
      .given(recovery('r1', 'case1', 'BACK-1'))
      .when(paid('d1', 'BACK-1', 'InternshipTrancheDisbursed'))
      .thenViolates('R-PAY', /BACK-1 is counted by payment d1 and by recovery r1/);
  });

  it('given a claim of a payment released (it lost a race), when that payment is recorded anyway, then it is named', () => {
    spec
      .given(released('d1', 'payment'))
      .when(paid('d1', 'ICBC-1'))
      .thenViolates(
        'R-PAY',
        /payment d1 is recorded although its bank reference ICBC-1 was released/,
      );
    spec
      .given(paid('d1', 'ICBC-1'))
      .when(released('d1', 'payment'))
      .thenViolates(
        'R-PAY',
        /payment d1 is recorded although its bank reference ICBC-1 was released/,
      );
  });

  it('given a claim of a recovery released, when that recovery is recorded anyway, then it is named', () => {
    spec
      .given(released('r1', 'recovery', 'BACK-1'))
      .when(recovery('r1', 'case1', 'BACK-1'))
      .thenViolates(
        'R-FRAUD',
        /recovery r1 is recorded although its bank reference BACK-1 was released/,
      );
  });

  it('given a released claim, when another payment uses the reference, then it holds', () => {
    spec.given(released('d1', 'payment')).when(paid('d2', 'ICBC-1')).thenHolds();
  });
});
