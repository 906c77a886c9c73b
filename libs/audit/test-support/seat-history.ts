/**
 * Writes a realistic seat-subsidy history through the ledger's own
 * application layer (the same `runOnStream` path the API uses, so every event
 * is sealed into the hash chain): enterprises registered, applications with
 * claims (some persons claimed by two enterprises: R-SEAT-6 refusals), a
 * rejected claim, tranche 1 approved (R-SEAT-5 reservations), a notice, an
 * objection upheld on one claim (withdrawal, cap release), the payment, then
 * more evidence and tranche 2 published and paid.
 */
import {
  approveTranche,
  CommandContext,
  fileEvidence,
  LedgerDeps,
  openPublicity,
  raiseObjection,
  recordDisbursement,
  registerEnterprise,
  resolveObjection,
  reviewApplication,
  submitSeatApplication,
} from '@ledger/application';
import { maskResidentId } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { createHash } from 'node:crypto';

export interface SeatHistoryOptions {
  /** Enterprises (one application each). */
  enterprises: number;
  claimsPerApplication: number;
  /** Seed of the enterprise and person numbers: histories with other seeds do not collide. */
  seed?: number;
  /** Also file evidence and approve, publish and pay tranche 2. Default true. */
  secondTranche?: boolean;
  /** The recorded time of every command (ISO); default 2023-09-20T02:00:00.000Z. */
  recordedAt?: string;
}

export const ctxAt = (actorId: string, role: string, recordedAt: string): CommandContext => ({
  actorId,
  role,
  recordedAt,
  correlationId: `${actorId}-${recordedAt}`,
});

export const personKeyOf = (personId: string) =>
  createHash('sha256').update(`history:${personId}`).digest('hex').slice(0, 40);

/** A distinct valid resident ID per index (up to 28,000 per seed block of a year). */
export function personIdAt(i: number): string {
  const day = 1 + (Math.floor(i / 1000) % 28);
  const month = 1 + (Math.floor(i / 28_000) % 12);
  const year = 1970 + Math.floor(i / 336_000);
  return makeResidentId(
    '140202',
    `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
    i % 1000,
  );
}

const MONTHS_1 = ['2023-01', '2023-02'];
const MONTHS_2 = ['2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08'];

/** Writes the history of enterprise `index`; returns its application id. */
export async function writeEnterpriseHistory(
  deps: LedgerDeps,
  index: number,
  options: SeatHistoryOptions,
): Promise<string> {
  const seed = options.seed ?? 0;
  const at = options.recordedAt ?? '2023-09-20T02:00:00.000Z';
  const reviewer = ctxAt('rita', 'reviewer', at);
  const finance = ctxAt('fay', 'finance', at);
  const applicant = ctxAt(`clerk-${index}`, 'applicant', at);
  const n = options.claimsPerApplication;
  const enterpriseId = makeCreditCode(seed * 1_000_000 + index + 1);
  const applicationId = `app-${seed}-${index}`;
  await registerEnterprise(deps, reviewer, {
    enterpriseId,
    name: `大同呼叫 ${seed}-${index}`,
    industry: index % 2 === 0 ? 'call' : 'annotation',
    seats: Math.max(200, n),
    registeredOn: '2023-01-05',
  });
  // The last claim names the first person of the previous enterprise: R-SEAT-6 refuses it.
  const personBase = seed * 10_000_000 + index * n;
  const persons = Array.from({ length: n }, (_, c) =>
    c === n - 1 && index > 0 && n > 2 ? personBase - n : personBase + c,
  );
  const submitted = await submitSeatApplication(deps, applicant, {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: persons.map((p) => {
      const personId = personIdAt(p);
      return {
        personId,
        personKey: personKeyOf(personId),
        personIdMasked: maskResidentId(personId),
        name: `张${p}`,
        wageMonths: MONTHS_1,
        insuranceMonths: MONTHS_1,
      };
    }),
  });
  const live = submitted.result.claims.filter((c) => c.status === 'submitted');
  await reviewApplication(deps, reviewer, applicationId, {
    processId: `${applicationId}:review`,
    reviewedBy: reviewer.actorId,
    decidedOn: '2023-03-05',
    decisions: live.map((c, i) =>
      i === 1 && live.length > 3
        ? { claimId: c.claimId, approve: false, reason: 'no social insurance record' }
        : { claimId: c.claimId, approve: true },
    ),
  });
  const t1 = await approveTranche(deps, finance, applicationId, {
    tranche: 1,
    decidedOn: '2023-03-10',
  });
  const pub1 = `${applicationId}-pub1`;
  await openPublicity(deps, reviewer, {
    publicityId: pub1,
    trancheIds: [t1.result.trancheId],
    startsOn: '2023-03-11',
    endsOn: '2023-03-17',
  });
  let amountFen = t1.result.amountFen;
  let withdrawn: string | undefined;
  const objected = t1.result.included[0];
  if (objected && t1.result.included.length > 1) {
    withdrawn = objected.claimId;
    const objectionId = `${applicationId}-obj1`;
    await raiseObjection(deps, reviewer, pub1, {
      objectionId,
      raisedOn: '2023-03-12',
      claimId: objected.claimId,
      text: 'the employee left in January',
    });
    const resolved = await resolveObjection(deps, reviewer, pub1, {
      objectionId,
      resolvedOn: '2023-03-14',
      upheld: true,
      reason: 'confirmed with the social insurance bureau',
    });
    amountFen -= resolved.result.withdrawnFen;
  }
  await recordDisbursement(deps, finance, {
    disbursementId: `${applicationId}-d1`,
    trancheId: t1.result.trancheId,
    paidOn: '2023-03-20',
    amountFen,
    bankRef: `ICBC-${seed}-${index}-1`,
  });
  if (options.secondTranche === false) return applicationId;
  const stillIn = t1.result.included.filter((c) => c.claimId !== withdrawn);
  await fileEvidence(deps, applicant, applicationId, {
    processId: `${applicationId}:evidence-1`,
    filedOn: '2023-09-01',
    claims: stillIn.map((c) => ({
      claimId: c.claimId,
      wageMonths: MONTHS_2,
      insuranceMonths: MONTHS_2,
    })),
  });
  const t2 = await approveTranche(deps, finance, applicationId, {
    tranche: 2,
    decidedOn: '2023-09-05',
  });
  await openPublicity(deps, reviewer, {
    publicityId: `${applicationId}-pub2`,
    trancheIds: [t2.result.trancheId],
    startsOn: '2023-09-06',
    endsOn: '2023-09-12',
  });
  await recordDisbursement(deps, finance, {
    disbursementId: `${applicationId}-d2`,
    trancheId: t2.result.trancheId,
    paidOn: '2023-09-13',
    amountFen: t2.result.amountFen,
    bankRef: `ICBC-${seed}-${index}-2`,
  });
  return applicationId;
}

/** Enterprises one after the other (a person shared with the previous one needs its claim first). */
export async function writeSeatHistory(
  deps: LedgerDeps,
  options: SeatHistoryOptions,
): Promise<void> {
  for (let i = 0; i < options.enterprises; i++) await writeEnterpriseHistory(deps, i, options);
}
