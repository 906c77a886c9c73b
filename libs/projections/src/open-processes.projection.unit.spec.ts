import { openProcessesProjection } from './open-processes.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import {
  closed,
  findingApplied,
  findingRecorded,
  fullRecovery,
  opened,
  partialRecovery,
  suspensionApplied,
} from './testing/fraud-case.fixture';

const spec = documentSpecification(openProcessesProjection);
const A1 = 'seat-application-sa-1';
const PUB = 'publicity-pub-1';

const started = ledgerEvent('TrancheApprovalStarted', {
  processId: 'sa-1.t1',
  applicationId: 'sa-1',
  enterpriseId: 'E1',
  trancheId: 'sa-1.t1',
  tranche: 1,
  decidedOn: '2023-02-01',
  approvedBy: 'fin-1',
  policyVersion: 'datong-2022',
  candidates: [],
  refused: [],
});
const approved = ledgerEvent('TrancheApproved', {
  processId: 'sa-1.t1',
  applicationId: 'sa-1',
  enterpriseId: 'E1',
  trancheId: 'sa-1.t1',
  tranche: 1,
  decidedOn: '2023-02-01',
  policyVersion: 'datong-2022',
  amountFen: 0,
  included: [],
  refused: [],
});
const review = (approve: boolean) =>
  ledgerEvent('ApplicationReviewed', {
    processId: 'sa-1:review-1',
    applicationId: 'sa-1',
    reviewedBy: 'rev-1',
    decidedOn: '2023-01-20',
    decisions: [
      { claimId: 'sa-1.c1', approve: true },
      { claimId: 'sa-1.c2', approve, reason: approve ? undefined : 'no insurance record' },
    ],
  });
const resolved = (upheld: boolean, claimId?: string) =>
  ledgerEvent('ObjectionResolved', {
    processId: 'obj-1',
    publicityId: 'pub-1',
    objectionId: 'obj-1',
    resolvedOn: '2023-02-08',
    upheld,
    reason: 'checked',
    claimId,
  });

describe('open processes projection', () => {
  it('given nothing, when a tranche approval starts, then it is open under stream|processId', () => {
    spec
      .given()
      .when(recorded(started, { position: 8, stream: A1 }))
      .then([
        {
          kind: 'put',
          collection: 'open_process',
          id: `${A1}|sa-1.t1`,
          doc: { processId: 'sa-1.t1', kind: 'TrancheApprovalStarted', stream: A1, position: 8 },
        },
      ]);
  });

  it('given a started tranche approval, when it is approved, then the process is deleted', () => {
    spec
      .given(recorded(started, { position: 8, stream: A1 }))
      .when(recorded(approved, { position: 11, stream: A1 }))
      .then([{ kind: 'delete', collection: 'open_process', id: `${A1}|sa-1.t1` }]);
  });

  it('given nothing open, when an ending event comes (a replayed end), then nothing is written', () => {
    spec
      .given()
      .when(recorded(approved, { position: 11, stream: A1 }))
      .then([]);
  });

  it('given nothing, when a review approves every claim, then no process starts (nothing to release)', () => {
    spec
      .given()
      .when(recorded(review(true), { position: 5, stream: A1 }))
      .then([]);
  });

  it('given nothing, when a review rejects a claim, then a release process is open until RejectedClaimsReleased', () => {
    const given = recorded(review(false), { position: 5, stream: A1 });
    spec.given().when(given).thenDocument(`${A1}|sa-1:review-1`, {
      processId: 'sa-1:review-1',
      kind: 'ApplicationReviewed',
      stream: A1,
      position: 5,
    });
    const released = ledgerEvent('RejectedClaimsReleased', {
      processId: 'sa-1:review-1',
      applicationId: 'sa-1',
      claimIds: ['sa-1.c2'],
    });
    spec
      .given(given)
      .when(recorded(released, { position: 6, stream: A1 }))
      .thenDocument(`${A1}|sa-1:review-1`, undefined);
  });

  it('given nothing, when an objection is upheld against one claim, then a process is open; dismissed or against the list, none', () => {
    spec
      .given()
      .when(recorded(resolved(true, 'sa-1.c2'), { position: 15, stream: PUB }))
      .thenDocument(`${PUB}|obj-1`, {
        processId: 'obj-1',
        kind: 'ObjectionResolved',
        stream: PUB,
        position: 15,
      });
    spec
      .given()
      .when(recorded(resolved(false, 'sa-1.c2'), { position: 15, stream: PUB }))
      .then([]);
    spec
      .given()
      .when(recorded(resolved(true), { position: 15, stream: PUB }))
      .then([]);
  });

  it('given two streams using the same process id, when one ends, then the other stays open', () => {
    const other = 'seat-application-sa-9';
    spec
      .given(
        recorded(started, { position: 8, stream: A1 }),
        recorded(started, { position: 9, stream: other }),
      )
      .when(recorded(approved, { position: 11, stream: A1 }))
      .then([{ kind: 'delete', collection: 'open_process', id: `${A1}|sa-1.t1` }]);
  });

  it('given an event without a process id, when projected, then it is ignored', () => {
    const publicized = ledgerEvent('TranchePublicized', {
      applicationId: 'sa-1',
      trancheId: 'sa-1.t1',
      publicityId: 'pub-1',
      startsOn: '2023-02-03',
      endsOn: '2023-02-10',
    });
    spec
      .given()
      .when(recorded(publicized, { position: 12, stream: A1 }))
      .then([]);
  });
});

describe('open processes projection: paid in full (R-SEAT-8)', () => {
  const paid = (processId?: string) =>
    ledgerEvent('TrancheDisbursed', {
      ...(processId === undefined ? {} : { processId }),
      applicationId: 'sa-1',
      enterpriseId: 'E1',
      trancheId: `sa-1.t${processId === undefined ? 1 : 4}`,
      disbursementId: 'd-1',
      paidOn: '2024-09-18',
      amountFen: 250_000,
      bankRef: 'ICBC-1',
      paidBy: 'fin-1',
    });

  it('given the payment of a last tranche, when projected, then its seat release is open until PaidClaimsReleased', () => {
    spec
      .given()
      .when(recorded(paid('sa-1.t4.paid'), { position: 20, stream: A1 }))
      .thenDocument(`${A1}|sa-1.t4.paid`, {
        processId: 'sa-1.t4.paid',
        kind: 'TrancheDisbursed',
        stream: A1,
        position: 20,
      });
    const end = ledgerEvent('PaidClaimsReleased', {
      processId: 'sa-1.t4.paid',
      applicationId: 'sa-1',
      trancheId: 'sa-1.t4',
      claimIds: ['sa-1.c1'],
    });
    spec
      .given(recorded(paid('sa-1.t4.paid'), { position: 20, stream: A1 }))
      .when(recorded(end, { position: 22, stream: A1 }))
      .thenDocument(`${A1}|sa-1.t4.paid`, undefined);
  });

  it('given the payment of an earlier tranche (no processId), when projected, then no process is open', () => {
    spec
      .given()
      .when(recorded(paid(), { position: 20, stream: A1 }))
      .then([]);
  });
});

describe('open processes projection: case processes (R-FRAUD)', () => {
  const CASE_STREAM = 'case-case-1';
  const at = (position: number) => ({ position, stream: CASE_STREAM });
  const isOpen = (event: Parameters<typeof recorded>[0], position: number) =>
    spec
      .given()
      .when(recorded(event, at(position)))
      .operations().length === 1;

  it('given a case opened with suspension, when projected, then the opening is open until CaseSuspensionApplied', () => {
    spec
      .given()
      .when(recorded(opened, at(1)))
      .then([
        {
          kind: 'put',
          collection: 'open_process',
          id: `${CASE_STREAM}|case-1`,
          doc: { processId: 'case-1', kind: 'CaseOpened', stream: CASE_STREAM, position: 1 },
        },
      ]);
    spec
      .given(recorded(opened, at(1)))
      .when(recorded(suspensionApplied, at(2)))
      .then([{ kind: 'delete', collection: 'open_process', id: `${CASE_STREAM}|case-1` }]);
  });

  it('given a case opened without suspension, when projected, then no process is open', () => {
    expect(isOpen({ ...opened, data: { ...opened.data, suspend: false } }, 1)).toBe(false);
  });

  it('given a finding recorded, when projected, then it is open until FindingApplied', () => {
    expect(isOpen(findingRecorded, 3)).toBe(true);
    spec
      .given(recorded(findingRecorded, at(3)))
      .when(recorded(findingApplied, at(4)))
      .then([{ kind: 'delete', collection: 'open_process', id: `${CASE_STREAM}|f-1` }]);
  });

  it('given recoveries, when projected, then only one that settles a claim opens a process', () => {
    expect(isOpen(partialRecovery, 5)).toBe(false);
    expect(isOpen(fullRecovery, 6)).toBe(true);
  });

  it('given a closure, when projected, then it is a process only when it lifts a suspension', () => {
    expect(isOpen(closed, 7)).toBe(true);
    expect(isOpen({ ...closed, data: { ...closed.data, liftsSuspension: false } }, 7)).toBe(false);
  });
});

describe('open processes projection: bank references (issue #12, R-PAY, R-FRAUD)', () => {
  const REF = 'bank-reference-abc';
  const at = (position: number) => ({ position, stream: REF });
  const use = (processId?: string) =>
    ledgerEvent('BankReferenceUsed', {
      kind: 'payment',
      bankRef: 'ICBC-1',
      disbursementId: 'dis-1',
      trancheId: 'sa-1.t1',
      amountFen: 250_000,
      paidOn: '2023-03-20',
      ...(processId === undefined ? {} : { processId, paidBy: 'fay' }),
    });
  const settled = (type: 'BankReferenceConfirmed' | 'BankReferenceReleased') =>
    ledgerEvent(type, {
      bankRef: 'ICBC-1',
      processId: 'dis-1',
      kind: 'payment',
      ...(type === 'BankReferenceReleased' ? { reason: 'already paid' } : {}),
    } as never);

  it('given a claimed reference, when projected, then it is open until confirmed or released', () => {
    spec
      .given()
      .when(recorded(use('dis-1'), at(4)))
      .thenDocument(`${REF}|dis-1`, {
        processId: 'dis-1',
        kind: 'BankReferenceUsed',
        stream: REF,
        position: 4,
      });
    for (const end of ['BankReferenceConfirmed', 'BankReferenceReleased'] as const) {
      spec
        .given(recorded(use('dis-1'), at(4)))
        .when(recorded(settled(end), at(6)))
        .then([{ kind: 'delete', collection: 'open_process', id: `${REF}|dis-1` }]);
    }
  });

  it('given a use written before issue #12 (no process id), when projected, then nothing is open', () => {
    spec
      .given()
      .when(recorded(use(), at(4)))
      .then([]);
  });
});

describe('payment batch claims as processes (issue #14)', () => {
  const claim = (trancheId: string, processId?: string) =>
    recorded(
      {
        type: 'TrancheBatched',
        data: { trancheId, batchId: 'b1', itemId: `b1-${trancheId}`, processId },
      },
      { position: 1, stream: `tranche-batch-${trancheId}` },
    );
  const batchCreated = recorded(
    { type: 'PaymentBatchCreated', data: { batchId: 'b1', items: [{ trancheId: 'a.t1' }] } },
    { position: 2, stream: 'payment-batch-b1' },
  );

  it('given a claim with a process id, when projected, then it is open until its batch is recorded', () => {
    spec.given().when(claim('a.t1', 'b1')).thenDocument('tranche-batch-a.t1|b1', {
      processId: 'b1',
      kind: 'TrancheBatched',
      stream: 'tranche-batch-a.t1',
      position: 1,
    });
    spec
      .given(claim('a.t1', 'b1'))
      .when(batchCreated)
      .thenDocument('tranche-batch-a.t1|b1', undefined);
  });

  it('given a claim whose batch never came, when recovery releases it with the process id, then it is closed', () => {
    const released = recorded(
      {
        type: 'TrancheBatchReleased',
        data: { trancheId: 'a.t1', batchId: 'b1', itemId: 'b1-a.t1', reason: 'x', processId: 'b1' },
      },
      { position: 3, stream: 'tranche-batch-a.t1' },
    );
    spec.given(claim('a.t1', 'b1')).when(released).thenDocument('tranche-batch-a.t1|b1', undefined);
  });

  it('given a claim from before claims were processes, when projected, then nothing is open', () => {
    spec.given().when(claim('a.t1')).then([]);
    spec.given().when(batchCreated).then([]);
  });
});
