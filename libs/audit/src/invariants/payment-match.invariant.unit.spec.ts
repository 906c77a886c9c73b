import { event, invariantSpecification } from '../testing/invariant-specification';
import { PaymentMatchInvariant } from './payment-match.invariant';

const spec = invariantSpecification(() => new PaymentMatchInvariant());
const B = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const created = event('PaymentBatchCreated', {
  batchId: B,
  items: [{ itemId: `${B}-1`, trancheId: 'a.t1', amountFen: 250_000 }],
});
const approved = event('PaymentBatchApproved', { batchId: B, approvedBy: 'finn' });
const paid = (disbursementId: string, trancheId = 'a.t1', amountFen = 250_000) =>
  event('TrancheDisbursed', { disbursementId, trancheId, amountFen, bankRef: 'ICBC-1' });

describe('every paid tranche matched to one batch item or one manual payment (PaymentMatchInvariant)', () => {
  it('given an approved batch, when its item is paid as listed, then it holds; a manual payment holds too', () => {
    spec
      .given(created, approved)
      .when(paid(`${B}-1`))
      .thenHolds();
    spec.given().when(paid('3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21')).thenHolds();
  });

  it('given an approved batch, when its item pays another amount, then it is named', () => {
    spec
      .given(created, approved)
      .when(paid(`${B}-1`, 'a.t1', 250_001))
      .thenViolates('R-PAY', /does not match its item/);
  });

  it('given a batch not approved, when its item is paid, then it is named', () => {
    spec
      .given(created)
      .when(paid(`${B}-1`))
      .thenViolates('R-SOD', /not approved/);
  });

  it('given an item paid, when it is paid again, then it is named', () => {
    spec
      .given(created, approved, paid(`${B}-1`))
      .when(paid(`${B}-1`))
      .thenViolates('R-PAY', /paid twice/);
  });

  it('given no batch, when a payment names a batch item, then it is named', () => {
    spec
      .given()
      .when(paid(`${B}-7`))
      .thenViolates('R-PAY', /no batch holds/);
  });
});
