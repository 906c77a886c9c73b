import { enterpriseBalanceProjection } from './enterprise-balance.projection';
import { journalSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { clawbackAssessed, partialRecovery } from './testing/fraud-case.fixture';

const spec = journalSpecification(enterpriseBalanceProjection);
const E1 = '91140200MA0000001X';

const approved = (amountFen: number) =>
  ledgerEvent('TrancheApproved', {
    processId: 'sa-1.t1',
    applicationId: 'sa-1',
    enterpriseId: E1,
    trancheId: 'sa-1.t1',
    tranche: 1,
    decidedOn: '2023-02-01',
    policyVersion: 'datong-2022',
    amountFen,
    included: [],
    refused: [],
  });

describe('enterprise balance projection', () => {
  it('given a tranche approved on 1 Feb, when projected, then the enterprise has +approved on its decision date', () => {
    spec
      .when(recorded(approved(500_000), { position: 7, recordedAt: '2023-02-01T03:00:00.000Z' }))
      .then([
        {
          kind: 'journal',
          journal: 'balance_entries',
          row: {
            enterpriseId: E1,
            programme: 'seat',
            kind: 'approved',
            amountFen: 500_000,
            businessDate: '2023-02-01',
            recordedAt: '2023-02-01T03:00:00.000Z',
            position: 7,
            trancheId: 'sa-1.t1',
            sourceEventType: 'TrancheApproved',
          },
        },
      ]);
  });

  it('given a claim withdrawn from its tranche, when projected, then approved goes down by its amount on the withdrawal date', () => {
    const withdrawn = ledgerEvent('ClaimWithdrawnFromTranche', {
      applicationId: 'sa-1',
      enterpriseId: E1,
      trancheId: 'sa-1.t1',
      claimId: 'sa-1.c2',
      personKey: 'pk-2',
      reservationId: 'sa-1.t1:sa-1.c2',
      amountFen: 250_000,
      withdrawnOn: '2023-02-08',
      cause: { kind: 'objection', id: 'obj-1', publicityId: 'pub-1' },
    });
    spec
      .when(recorded(withdrawn, { position: 9, recordedAt: '2023-02-08T01:00:00.000Z' }))
      .thenRows([
        {
          enterpriseId: E1,
          programme: 'seat',
          kind: 'approved',
          amountFen: -250_000,
          businessDate: '2023-02-08',
          recordedAt: '2023-02-08T01:00:00.000Z',
          position: 9,
          trancheId: 'sa-1.t1',
          sourceEventType: 'ClaimWithdrawnFromTranche',
        },
      ]);
  });

  it('given a payment entered on 10 April with the bank date of 20 March, when projected, then it is disbursed on 20 March but recorded on 10 April', () => {
    const disbursed = ledgerEvent('TrancheDisbursed', {
      applicationId: 'sa-1',
      enterpriseId: E1,
      trancheId: 'sa-1.t1',
      disbursementId: 'dis-1',
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'BOC-1',
      paidBy: 'fin-2',
    });
    spec
      .when(
        recorded(disbursed, {
          position: 12,
          recordedAt: '2023-04-10T03:00:00.000Z',
          businessDate: '2023-03-20',
        }),
      )
      .thenRows([
        {
          enterpriseId: E1,
          programme: 'seat',
          kind: 'disbursed',
          amountFen: 250_000,
          businessDate: '2023-03-20',
          recordedAt: '2023-04-10T03:00:00.000Z',
          position: 12,
          trancheId: 'sa-1.t1',
          sourceEventType: 'TrancheDisbursed',
        },
      ]);
  });

  it('given a recorded time with an offset, when projected, then it is kept in UTC so "as known at" compares as text', () => {
    const [op] = enterpriseBalanceProjection.project(
      recorded(approved(1), { position: 1, recordedAt: '2023-02-01T11:00:00+08:00' }),
    );
    expect(op.row.recordedAt).toBe('2023-02-01T03:00:00.000Z');
  });

  it('given a tranche that reserved nothing, when projected, then no row is written', () => {
    spec.when(recorded(approved(0), { position: 3 })).then([]);
  });

  it('given events that move no money or that this code does not know, when projected, then nothing is written', () => {
    const reserved = ledgerEvent('CapReserved', {
      reservationId: 'r',
      personKey: 'pk',
      trancheId: 't',
      claimId: 'c',
      applicationId: 'a',
      enterpriseId: E1,
      requestedFen: 1,
      amountFen: 1,
      usedFenBefore: 0,
      capFen: 1_000_000,
      decidedOn: '2023-01-01',
      policyVersion: 'datong-2022',
    });
    spec.when(recorded(reserved, { position: 1 })).then([]);
    spec
      .when(
        recorded(
          { type: 'FutureProgrammeTrancheApproved', data: { enterpriseId: E1 } },
          { position: 2 },
        ),
      )
      .then([]);
  });
});

describe('enterprise balance projection: clawbacks and recoveries (R-FRAUD)', () => {
  it('given a finding on 2024-03-10, when a paid share is assessed, then clawbackDue goes up on the finding date (disbursed stays)', () => {
    spec
      .when(recorded(clawbackAssessed(1), { position: 40, recordedAt: '2024-03-10T04:00:00.000Z' }))
      .thenRows([
        {
          enterpriseId: E1,
          programme: 'seat',
          kind: 'clawbackDue',
          amountFen: 250_000,
          businessDate: '2024-03-10',
          recordedAt: '2024-03-10T04:00:00.000Z',
          position: 40,
          trancheId: 'sa-1.t1',
          sourceEventType: 'ClawbackAssessed',
        },
      ]);
  });

  it('given money back on 2024-04-15, when recorded, then recovered goes up on the day it was received', () => {
    spec
      .when(recorded(partialRecovery, { position: 41, recordedAt: '2024-04-16T01:00:00.000Z' }))
      .thenRows([
        {
          enterpriseId: E1,
          programme: 'seat',
          kind: 'recovered',
          amountFen: 100_000,
          businessDate: '2024-04-15',
          recordedAt: '2024-04-16T01:00:00.000Z',
          position: 41,
          trancheId: null,
          sourceEventType: 'RecoveryRecorded',
        },
      ]);
  });

  it('given a claim cancelled by a finding, when projected, then approved goes down on the finding date', () => {
    const cancelled = ledgerEvent('ClaimWithdrawnFromTranche', {
      applicationId: 'sa-1',
      enterpriseId: E1,
      trancheId: 'sa-1.t3',
      claimId: 'sa-1.c1',
      personKey: 'pk-1',
      reservationId: 'sa-1.t3:sa-1.c1',
      amountFen: 250_000,
      withdrawnOn: '2024-03-10',
      cause: { kind: 'finding', id: 'f-1', caseId: 'case-1' },
    });
    const [op] = enterpriseBalanceProjection.project(recorded(cancelled, { position: 42 }));
    expect(op.row).toMatchObject({
      kind: 'approved',
      amountFen: -250_000,
      businessDate: '2024-03-10',
    });
  });
});
