/**
 * One realistic seat-subsidy history, in append order, for tests of the read
 * models: two enterprises, three people, a tranche approved, published,
 * objected to (one claim withdrawn), paid late with a backdated payment date,
 * a duplicate claim (R-SEAT-6) and a tranche approval left half-done.
 */
import type { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEvent, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { maskResidentId } from '@ledger/domain/identity/resident-id';
import { ledgerEvent, metadata } from './ledger-events.fixture';

export interface StoryStep {
  stream: string;
  event: LedgerEvent | { type: string; data: Record<string, unknown> };
  metadata: EventMetadata;
}

const person = (sequence: number, name: string) => {
  const personId = makeResidentId('140202', '19900101', sequence);
  return { personId, personIdMasked: maskResidentId(personId), personKey: `pk-${sequence}`, name };
};

export const story = {
  e1: { enterpriseId: makeCreditCode(1), name: '大同呼叫有限公司' },
  e2: { enterpriseId: makeCreditCode(2), name: '大同标注有限公司' },
  p1: person(101, '张三'),
  p2: person(102, '李四'),
  p3: person(103, '王五'),
  a1: 'sa-0001',
  a2: 'sa-0002',
  t1: 'sa-0001.t1',
  a2t1: 'sa-0002.t1',
  publicityId: 'pub-0001',
  objectionId: 'obj-0001',
  disbursementId: 'dis-0001',
  bankRef: 'BOC-2023-000123',
  trancheFen: 250_000,
  /** When the (backdated) payment was recorded. */
  disbursementRecordedAt: '2023-04-10T03:00:00.000Z',
  disbursementPaidOn: '2023-03-20',
} as const;

const MONTHS = ['2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12'];

/** The story's first tranche approved for half a fen: every store must refuse it. */
export function fractionalTrancheApproval() {
  return ledgerEvent('TrancheApproved', {
    processId: story.t1,
    applicationId: story.a1,
    enterpriseId: story.e1.enterpriseId,
    trancheId: story.t1,
    tranche: 1,
    decidedOn: '2023-02-01',
    policyVersion: 'datong-2022',
    amountFen: 0.5, // not an integer number of fen
    included: [],
    refused: [],
  });
}

/** The steps, with recorded times one minute apart from each step's business date. */
export function seatSubsidyStory(): StoryStep[] {
  const { e1, e2, p1, p2, p3, a1, a2, t1, a2t1, publicityId, objectionId, trancheFen } = story;
  const c1 = `${a1}.c1`;
  const c2 = `${a1}.c2`;
  const a2c1 = `${a2}.c1`;
  const a2c2 = `${a2}.c2`;
  const steps: StoryStep[] = [];
  let minute = 0;
  const at = (
    businessDate: string,
    stream: string,
    event: StoryStep['event'],
    recordedAt?: string,
  ) => {
    minute += 1;
    const time = recordedAt ?? `${businessDate}T02:${String(minute).padStart(2, '0')}:00.000Z`;
    steps.push({ stream, event, metadata: metadata(time, businessDate) });
  };
  const claim = (p: typeof p1, claimId: string) => ({
    claimId,
    personKey: p.personKey,
    personId: p.personId,
    personIdMasked: p.personIdMasked,
    name: p.name,
    wageMonths: MONTHS,
    insuranceMonths: MONTHS,
    months: MONTHS,
  });
  const monthsClaimed = (
    p: typeof p1,
    claimId: string,
    applicationId: string,
    enterpriseId: string,
  ) =>
    ledgerEvent('PersonMonthsClaimed', {
      stepId: `${applicationId}:${claimId}`,
      personKey: p.personKey,
      personIdMasked: p.personIdMasked,
      claimId,
      applicationId,
      enterpriseId,
      months: MONTHS,
      filedOn: '2023-01-10',
    });
  const reserved = (
    p: typeof p1,
    trancheId: string,
    claimId: string,
    applicationId: string,
    enterpriseId: string,
    decidedOn: string,
  ) =>
    ledgerEvent('CapReserved', {
      reservationId: `${trancheId}:${claimId}`,
      personKey: p.personKey,
      trancheId,
      claimId,
      applicationId,
      enterpriseId,
      requestedFen: trancheFen,
      amountFen: trancheFen,
      usedFenBefore: 0,
      capFen: 1_000_000,
      decidedOn,
      policyVersion: 'datong-2022',
    });

  // Enterprise 1: one application, two claims.
  at(
    '2023-01-05',
    streams.enterprise(e1.enterpriseId),
    ledgerEvent('EnterpriseRegistered', {
      enterpriseId: e1.enterpriseId,
      name: e1.name,
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-05',
    }),
  );
  at(
    '2023-01-10',
    streams.seatApplication(a1),
    ledgerEvent('SeatApplicationSubmitted', {
      processId: a1,
      applicationId: a1,
      enterpriseId: e1.enterpriseId,
      submittedOn: '2023-01-10',
      policyVersion: 'datong-2022',
      claims: [claim(p1, c1), claim(p2, c2)],
    }),
  );
  at(
    '2023-01-10',
    streams.enterprise(e1.enterpriseId),
    ledgerEvent('SeatApplicationRegistered', {
      applicationId: a1,
      submittedOn: '2023-01-10',
      ordinal: 1,
      firstTrancheMonths: 2,
      policyVersion: 'datong-2022',
    }),
  );
  at('2023-01-10', streams.person(p1.personKey), monthsClaimed(p1, c1, a1, e1.enterpriseId));
  at('2023-01-10', streams.person(p2.personKey), monthsClaimed(p2, c2, a1, e1.enterpriseId));
  at(
    '2023-01-10',
    streams.seatApplication(a1),
    ledgerEvent('SeatApplicationChecked', {
      processId: a1,
      applicationId: a1,
      ordinal: 1,
      firstTrancheMonths: 2,
      results: [
        { claimId: c1, status: 'submitted' },
        { claimId: c2, status: 'submitted' },
      ],
    }),
  );
  at(
    '2023-01-20',
    streams.seatApplication(a1),
    ledgerEvent('ApplicationReviewed', {
      processId: `${a1}:review-1`,
      applicationId: a1,
      reviewedBy: 'rev-1',
      decidedOn: '2023-01-20',
      decisions: [
        { claimId: c1, approve: true },
        { claimId: c2, approve: true },
      ],
    }),
  );
  at(
    '2023-02-01',
    streams.seatApplication(a1),
    ledgerEvent('TrancheApprovalStarted', {
      processId: t1,
      applicationId: a1,
      enterpriseId: e1.enterpriseId,
      trancheId: t1,
      tranche: 1,
      decidedOn: '2023-02-01',
      approvedBy: 'fin-1',
      policyVersion: 'datong-2022',
      candidates: [
        { claimId: c1, personKey: p1.personKey, requestedFen: trancheFen },
        { claimId: c2, personKey: p2.personKey, requestedFen: trancheFen },
      ],
      refused: [],
    }),
  );
  at(
    '2023-02-01',
    streams.person(p1.personKey),
    reserved(p1, t1, c1, a1, e1.enterpriseId, '2023-02-01'),
  );
  at(
    '2023-02-01',
    streams.person(p2.personKey),
    reserved(p2, t1, c2, a1, e1.enterpriseId, '2023-02-01'),
  );
  at(
    '2023-02-01',
    streams.seatApplication(a1),
    ledgerEvent('TrancheApproved', {
      processId: t1,
      applicationId: a1,
      enterpriseId: e1.enterpriseId,
      trancheId: t1,
      tranche: 1,
      decidedOn: '2023-02-01',
      policyVersion: 'datong-2022',
      amountFen: 2 * trancheFen,
      included: [
        {
          claimId: c1,
          personKey: p1.personKey,
          reservationId: `${t1}:${c1}`,
          amountFen: trancheFen,
        },
        {
          claimId: c2,
          personKey: p2.personKey,
          reservationId: `${t1}:${c2}`,
          amountFen: trancheFen,
        },
      ],
      refused: [],
    }),
  );

  // Publicity, an upheld objection against claim 2.
  at(
    '2023-02-03',
    streams.publicity(publicityId),
    ledgerEvent('PublicityOpened', {
      processId: publicityId,
      publicityId,
      startsOn: '2023-02-03',
      endsOn: '2023-02-10',
      policyVersion: 'datong-2022',
      tranches: [{ trancheId: t1, applicationId: a1, enterpriseId: e1.enterpriseId }],
      entries: [
        {
          trancheId: t1,
          claimId: c1,
          enterpriseId: e1.enterpriseId,
          enterpriseName: e1.name,
          personName: p1.name,
          personIdMasked: p1.personIdMasked,
          amountFen: trancheFen,
        },
        {
          trancheId: t1,
          claimId: c2,
          enterpriseId: e1.enterpriseId,
          enterpriseName: e1.name,
          personName: p2.name,
          personIdMasked: p2.personIdMasked,
          amountFen: trancheFen,
        },
      ],
    }),
  );
  at(
    '2023-02-03',
    streams.seatApplication(a1),
    ledgerEvent('TranchePublicized', {
      applicationId: a1,
      trancheId: t1,
      publicityId,
      startsOn: '2023-02-03',
      endsOn: '2023-02-10',
    }),
  );
  at(
    '2023-02-03',
    streams.publicity(publicityId),
    ledgerEvent('PublicityLinked', {
      processId: publicityId,
      publicityId,
      linked: [t1],
      notLinked: [],
    }),
  );
  at(
    '2023-02-05',
    streams.publicity(publicityId),
    ledgerEvent('ObjectionRaised', {
      publicityId,
      objectionId,
      raisedOn: '2023-02-05',
      claimId: c2,
      text: '此人未在该企业工作',
    }),
  );
  at(
    '2023-02-08',
    streams.publicity(publicityId),
    ledgerEvent('ObjectionResolved', {
      processId: objectionId,
      publicityId,
      objectionId,
      resolvedOn: '2023-02-08',
      upheld: true,
      reason: '社保记录不符',
      claimId: c2,
      trancheId: t1,
    }),
  );
  at(
    '2023-02-08',
    streams.seatApplication(a1),
    ledgerEvent('ClaimWithdrawnFromTranche', {
      applicationId: a1,
      enterpriseId: e1.enterpriseId,
      trancheId: t1,
      claimId: c2,
      personKey: p2.personKey,
      reservationId: `${t1}:${c2}`,
      amountFen: trancheFen,
      withdrawnOn: '2023-02-08',
      cause: { kind: 'objection', id: objectionId, publicityId },
    }),
  );
  at(
    '2023-02-08',
    streams.person(p2.personKey),
    ledgerEvent('CapReleased', {
      reservationId: `${t1}:${c2}`,
      personKey: p2.personKey,
      enterpriseId: e1.enterpriseId,
      amountFen: trancheFen,
      releasedOn: '2023-02-08',
      reason: 'upheld objection',
      cause: { kind: 'objection', id: objectionId },
    }),
  );
  at(
    '2023-02-08',
    streams.publicity(publicityId),
    ledgerEvent('ObjectionResolutionApplied', {
      processId: objectionId,
      publicityId,
      objectionId,
      withdrawnFen: trancheFen,
    }),
  );

  // Enterprise 2 claims person 1 for the same months (R-SEAT-6) and person 3.
  at(
    '2023-02-15',
    streams.enterprise(e2.enterpriseId),
    ledgerEvent('EnterpriseRegistered', {
      enterpriseId: e2.enterpriseId,
      name: e2.name,
      industry: 'annotation',
      seats: 250,
      registeredOn: '2023-02-15',
    }),
  );
  at(
    '2023-02-16',
    streams.seatApplication(a2),
    ledgerEvent('SeatApplicationSubmitted', {
      processId: a2,
      applicationId: a2,
      enterpriseId: e2.enterpriseId,
      submittedOn: '2023-02-16',
      policyVersion: 'datong-2022',
      claims: [claim(p1, a2c1), claim(p3, a2c2)],
    }),
  );
  const conflictsWith = [{ claimId: c1, enterpriseId: e1.enterpriseId, months: MONTHS }];
  at(
    '2023-02-16',
    streams.person(p1.personKey),
    ledgerEvent('DuplicateClaimRefused', {
      stepId: `${a2}:${a2c1}`,
      personKey: p1.personKey,
      personIdMasked: p1.personIdMasked,
      claimId: a2c1,
      applicationId: a2,
      enterpriseId: e2.enterpriseId,
      months: MONTHS,
      filedOn: '2023-02-16',
      rule: 'R-SEAT-6',
      conflictsWith,
    }),
  );
  at('2023-02-16', streams.person(p3.personKey), monthsClaimed(p3, a2c2, a2, e2.enterpriseId));
  at(
    '2023-02-16',
    streams.seatApplication(a2),
    ledgerEvent('SeatApplicationChecked', {
      processId: a2,
      applicationId: a2,
      ordinal: 1,
      firstTrancheMonths: 2,
      results: [
        {
          claimId: a2c1,
          status: 'refused',
          rule: 'R-SEAT-6',
          reason: `months already claimed by claim ${c1}`,
          conflictsWith,
        },
        { claimId: a2c2, status: 'submitted' },
      ],
    }),
  );
  at(
    '2023-02-20',
    streams.seatApplication(a2),
    ledgerEvent('ApplicationReviewed', {
      processId: `${a2}:review-1`,
      applicationId: a2,
      reviewedBy: 'rev-2',
      decidedOn: '2023-02-20',
      decisions: [{ claimId: a2c2, approve: true }],
    }),
  );
  // A tranche approval that crashed after reserving: left for the recovery pass.
  at(
    '2023-03-01',
    streams.seatApplication(a2),
    ledgerEvent('TrancheApprovalStarted', {
      processId: a2t1,
      applicationId: a2,
      enterpriseId: e2.enterpriseId,
      trancheId: a2t1,
      tranche: 1,
      decidedOn: '2023-03-01',
      approvedBy: 'fin-1',
      policyVersion: 'datong-2022',
      candidates: [{ claimId: a2c2, personKey: p3.personKey, requestedFen: trancheFen }],
      refused: [],
    }),
  );
  at(
    '2023-03-01',
    streams.person(p3.personKey),
    reserved(p3, a2t1, a2c2, a2, e2.enterpriseId, '2023-03-01'),
  );

  // A programme this code does not know yet: ignored, but still checkpointed.
  at('2023-03-05', 'future-application-sit-0001', {
    type: 'FutureProgrammeApplied',
    data: { applicationId: 'sit-0001', enterpriseId: e1.enterpriseId, kind: 'lease' },
  });

  // The payment of tranche 1, entered on 10 April with the bank's date of 20 March.
  const paidOn = story.disbursementPaidOn;
  const recordedAt = story.disbursementRecordedAt;
  at(
    paidOn,
    streams.bankReference('bankref-hash-1'),
    ledgerEvent('BankReferenceUsed', {
      bankRef: story.bankRef,
      disbursementId: story.disbursementId,
      trancheId: t1,
      amountFen: trancheFen,
      paidOn,
    }),
    recordedAt,
  );
  at(
    paidOn,
    streams.seatApplication(a1),
    ledgerEvent('TrancheDisbursed', {
      applicationId: a1,
      enterpriseId: e1.enterpriseId,
      trancheId: t1,
      disbursementId: story.disbursementId,
      paidOn,
      amountFen: trancheFen,
      bankRef: story.bankRef,
      paidBy: 'fin-2',
    }),
    recordedAt,
  );
  return steps;
}

/** The story as a store would record it: positions 1, 2, 3, … */
export function recordedStory(): RecordedEvent[] {
  return seatSubsidyStory().map((step, i) => ({
    eventId: `story-${i + 1}`,
    type: step.event.type,
    stream: step.stream,
    revision: 0,
    position: i + 1,
    data: step.event.data as Record<string, unknown>,
    metadata: step.metadata,
  }));
}
