import { budgetCommitmentId, budgetViewProjection } from './budget-view.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';

const t1 = 'sa-1.t1';
const committed = recorded(
  ledgerEvent('BudgetCommitted', {
    budgetId: 'seat-2023',
    commitmentId: 'c-1',
    trancheId: t1,
    amountFen: 500_000,
    committedOn: '2023-03-10',
  }),
  { position: 1 },
);
const paid = recorded(
  ledgerEvent('TrancheDisbursed', {
    applicationId: 'sa-1',
    enterpriseId: 'E',
    trancheId: t1,
    disbursementId: 'd-1',
    paidOn: '2023-03-20',
    amountFen: 500_000,
    bankRef: 'B-1',
    paidBy: 'fay',
  }),
  { position: 2 },
);

describe('budget view: returns and clawbacks (issue #14)', () => {
  const spec = documentSpecification(budgetViewProjection);

  it('given a committed and paid tranche, when its payment is returned in April, then paid goes down in April and the commitment stays', () => {
    spec
      .given(committed, paid)
      .when(
        recorded(
          ledgerEvent('DisbursementReturned', {
            applicationId: 'sa-1',
            enterpriseId: 'E',
            trancheId: t1,
            disbursementId: 'd-1',
            amountFen: 500_000,
            returnedOn: '2023-04-02',
            bankRef: 'R-1',
            reason: '账户已销户',
            returnedBy: 'fay',
          }),
          { position: 3 },
        ),
      )
      .thenDocument(
        'seat-2023',
        expect.objectContaining({
          committedFen: 500_000,
          paidFen: 0,
          months: {
            '03': { committedFen: 500_000, paidFen: 500_000 },
            '04': { committedFen: 0, paidFen: -500_000 },
          },
        }),
      );
  });

  it('given a tranche paid in December 2023, when its payment comes back in January 2024, then 2023 keeps it paid and 2024 shows it as an earlier year’s return, its paid never below zero; the repayment is 2024 paid', () => {
    const paidInDecember = recorded(
      ledgerEvent('TrancheDisbursed', {
        applicationId: 'sa-1',
        enterpriseId: 'E',
        trancheId: t1,
        disbursementId: 'd-1',
        paidOn: '2023-12-20',
        amountFen: 500_000,
        bankRef: 'B-1',
        paidBy: 'fay',
      }),
      { position: 2 },
    );
    const backInJanuary = recorded(
      ledgerEvent('DisbursementReturned', {
        applicationId: 'sa-1',
        enterpriseId: 'E',
        trancheId: t1,
        disbursementId: 'd-1',
        amountFen: 500_000,
        returnedOn: '2024-01-10',
        bankRef: 'R-1',
        reason: '账户已销户',
        returnedBy: 'fay',
        paidOn: '2023-12-20',
      }),
      { position: 3 },
    );
    const repaid = recorded(
      ledgerEvent('TrancheDisbursed', {
        applicationId: 'sa-1',
        enterpriseId: 'E',
        trancheId: t1,
        disbursementId: 'd-2',
        paidOn: '2024-01-15',
        amountFen: 500_000,
        bankRef: 'B-2',
        paidBy: 'fay',
      }),
      { position: 4 },
    );
    spec
      .given(committed, paidInDecember)
      .when(backInJanuary)
      .thenDocument(
        'seat-2024',
        expect.objectContaining({ paidFen: 0, earlierYearsReturnedFen: 500_000, months: {} }),
      );
    expect(spec.given(committed, paidInDecember).when(backInJanuary).operations()).toHaveLength(1);
    spec
      .given(committed, paidInDecember, backInJanuary)
      .when(repaid)
      .thenDocument(
        'seat-2024',
        expect.objectContaining({ paidFen: 500_000, earlierYearsReturnedFen: 500_000 }),
      );
    spec
      .given(committed)
      .when(paidInDecember)
      .thenDocument('seat-2023', expect.objectContaining({ paidFen: 500_000 }));
  });

  it('given a committed and paid tranche, when a finding claws part of it back, then that part leaves the commitment and paid', () => {
    spec
      .given(committed, paid)
      .when(
        recorded(
          ledgerEvent('BudgetCommitmentReleased', {
            budgetId: 'seat-2023',
            commitmentId: 'c-1',
            trancheId: t1,
            amountFen: 250_000,
            releasedOn: '2023-04-10',
            cause: { kind: 'clawback', id: 'f-1' },
          }),
          { position: 3 },
        ),
      )
      .thenDocument(
        'seat-2023',
        expect.objectContaining({ committedFen: 250_000, paidFen: 250_000 }),
      );
  });

  const clawback = (releasedOn: string, paidOn: string) =>
    recorded(
      ledgerEvent('BudgetCommitmentReleased', {
        budgetId: 'seat-2023',
        commitmentId: 'c-1',
        trancheId: t1,
        amountFen: 500_000,
        releasedOn,
        cause: { kind: 'clawback', id: 'f-1', paidOn },
      }),
      { position: 3 },
    );
  const paidOn = (date: string) =>
    recorded(
      ledgerEvent('TrancheDisbursed', {
        applicationId: 'sa-1',
        enterpriseId: 'E',
        trancheId: t1,
        disbursementId: 'd-1',
        paidOn: date,
        amountFen: 500_000,
        bankRef: 'B-1',
        paidBy: 'fay',
      }),
      { position: 2 },
    );

  it('given a tranche committed in 2023 and paid in January 2024, when a finding of March 2024 claws it back, then 2024 paid comes down in March and 2023 only loses the commitment', () => {
    spec
      .given(committed, paidOn('2024-01-10'))
      .when(clawback('2024-03-05', '2024-01-10'))
      .thenDocument(
        'seat-2024',
        expect.objectContaining({
          paidFen: 0,
          committedFen: 0,
          months: {
            '01': { committedFen: 0, paidFen: 500_000 },
            '03': { committedFen: 0, paidFen: -500_000 },
          },
        }),
      );
    spec
      .given(committed, paidOn('2024-01-10'))
      .when(clawback('2024-03-05', '2024-01-10'))
      .thenDocument(
        'seat-2023',
        expect.objectContaining({
          paidFen: 0,
          committedFen: 0,
          months: { '03': { committedFen: 0, paidFen: 0 } },
        }),
      );
  });

  it('given a tranche paid in 2023, when a finding of 2024 claws it back, then 2023 keeps it paid (its year is closed; the money is due back, not unspent) and loses the commitment', () => {
    spec
      .given(committed, paid)
      .when(clawback('2024-02-01', '2023-03-20'))
      .thenDocument(
        'seat-2023',
        expect.objectContaining({
          paidFen: 500_000,
          committedFen: 0,
          months: { '03': { committedFen: 0, paidFen: 500_000 } },
        }),
      );
  });

  it('given a committed unpaid tranche, when it is cancelled, then only the commitment goes down', () => {
    spec
      .given(committed)
      .when(
        recorded(
          ledgerEvent('BudgetCommitmentReleased', {
            budgetId: 'seat-2023',
            commitmentId: 'c-1',
            trancheId: t1,
            amountFen: 500_000,
            releasedOn: '2023-04-10',
            cause: { kind: 'tranche-cancelled', id: 'f-1' },
          }),
          { position: 3 },
        ),
      )
      .thenDocument('seat-2023', expect.objectContaining({ committedFen: 0, paidFen: 0 }));
  });

  it('given 1,000 committed tranches, when one is settled for less, then the budget and that commitment are written, each small, and the budget moves by the difference in the commitment month', () => {
    const given = Array.from({ length: 1_000 }, (_, i) =>
      recorded(
        ledgerEvent('BudgetCommitted', {
          budgetId: 'seat-2023',
          commitmentId: `c-${i}`,
          trancheId: `sa-${i}.t1`,
          amountFen: 500_000,
          committedOn: '2023-03-10',
        }),
        { position: i + 1 },
      ),
    );
    const ops = spec
      .given(...given)
      .when(
        recorded(
          ledgerEvent('BudgetCommitmentSettled', {
            budgetId: 'seat-2023',
            commitmentId: 'c-7',
            trancheId: 'sa-7.t1',
            amountFen: 400_000,
          }),
          { position: 1_001 },
        ),
      )
      .operations();
    expect(ops.map((o) => o.kind === 'put' && o.id)).toEqual([
      'seat-2023',
      budgetCommitmentId('seat-2023', 'sa-7.t1'),
    ]);
    // A year's commitments in the budget's document made every budget event rewrite them all.
    for (const op of ops) expect(JSON.stringify(op).length).toBeLessThan(1_000);
    expect(ops[0]).toMatchObject({
      doc: { committedFen: 499_900_000, months: { '03': { committedFen: 499_900_000 } } },
    });
    expect(ops[1]).toMatchObject({ doc: { month: '03', heldFen: 400_000 } });
  });
});
