import { disbursementViewProjection } from './disbursement-view.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';

const spec = documentSpecification(disbursementViewProjection);

const disbursed = ledgerEvent('TrancheDisbursed', {
  applicationId: 'sa-1',
  enterpriseId: 'E1',
  trancheId: 'sa-1.t1',
  disbursementId: 'dis-1',
  paidOn: '2023-03-20',
  amountFen: 250_000,
  bankRef: 'BOC-1',
  paidBy: 'fin-2',
});

const view = {
  disbursementId: 'dis-1',
  trancheId: 'sa-1.t1',
  applicationId: 'sa-1',
  enterpriseId: 'E1',
  paidOn: '2023-03-20',
  amountFen: 250_000,
  bankRef: 'BOC-1',
  paidBy: 'fin-2',
  reversedBy: [],
};

describe('disbursement view projection', () => {
  it('given nothing, when a tranche is disbursed, then the payment is put under its disbursement id, reversed by nobody', () => {
    spec
      .given()
      .when(recorded(disbursed, { position: 30 }))
      .then([{ kind: 'put', collection: 'disbursement', id: 'dis-1', doc: view }]);
  });

  it('given the payment, when its event comes again, then nothing changes', () => {
    spec
      .given(recorded(disbursed, { position: 30 }))
      .when(recorded(disbursed, { position: 30 }))
      .then([]);
  });

  it('given nothing, when the bank reference is claimed, then no payment shows yet', () => {
    const used = ledgerEvent('BankReferenceUsed', {
      bankRef: 'BOC-1',
      disbursementId: 'dis-1',
      trancheId: 'sa-1.t1',
      amountFen: 250_000,
      paidOn: '2023-03-20',
    });
    spec
      .given()
      .when(recorded(used, { position: 29 }))
      .then([]);
  });
});
