import { disbursementViewProjection } from './disbursement-view.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { clawbackAssessed, fullRecovery, partialRecovery } from './testing/fraud-case.fixture';

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

describe('disbursement view: reversed by cases (R-FRAUD)', () => {
  const paid = recorded(
    { ...disbursed, data: { ...disbursed.data, enterpriseId: 'E1' } },
    { position: 30 },
  );
  const assessed = recorded(clawbackAssessed(1), { position: 40 });

  it("given a payment, when a finding makes a claim's share of it due back, then reversedBy names the case, the amount and the claim", () => {
    spec
      .given(paid)
      .when(assessed)
      .thenDocument('dis-1', {
        ...view,
        reversedBy: [
          {
            caseId: 'case-1',
            amountFen: 250_000,
            recoveredFen: 0,
            claimIds: ['sa-1.c1'],
            clawbackIds: ['dis-1:sa-1.c1'],
          },
        ],
        lastPosition: 40,
      });
  });

  it('given the payment reversed, when recoveries are allocated to it, then reversedBy shows what came back of it', () => {
    const ops = spec
      .given(paid, assessed, recorded(partialRecovery, { position: 41 }))
      .when(recorded(fullRecovery, { position: 42 }))
      .operations();
    expect(ops).toEqual([
      expect.objectContaining({
        id: 'dis-1',
        doc: expect.objectContaining({
          reversedBy: [
            expect.objectContaining({
              caseId: 'case-1',
              amountFen: 250_000,
              recoveredFen: 250_000,
            }),
          ],
        }),
      }),
    ]);
  });

  it('given a recovery over two payments, when asked which documents it touches, then both payments', () => {
    expect(
      disbursementViewProjection.documentIds(recorded(fullRecovery, { position: 42 })),
    ).toEqual(['dis-1', 'dis-2']);
  });

  it('given the clawback folded, when its event comes again, then nothing changes', () => {
    spec.given(paid, assessed).when(assessed).then([]);
  });

  it('given no payment view, when a clawback names it, then no document is made', () => {
    spec.given().when(assessed).then([]);
  });
});
