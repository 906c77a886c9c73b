import {
  approveTranche,
  CommandContext,
  LedgerDeps,
  registerEnterprise,
  reviewApplication,
  submitSeatApplication,
} from '@ledger/application';
import { DEFAULT_POLICY_TABLE, maskResidentId } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { createHash } from 'node:crypto';

/** The embedded ledger as the API wires it: events and inline read models in one file. */
export function openEmbeddedLedger(dataDir: string) {
  const store = SqliteEventStore.open({ dataDir });
  const readModels = new SqliteReadModels(store.database);
  store.setInlineProjector(readModels);
  const deps: LedgerDeps = { store, policies: DEFAULT_POLICY_TABLE };
  return { store, readModels, deps };
}

export const ctxOf = (actorId: string, role: string): CommandContext => ({
  actorId,
  role,
  recordedAt: '2023-03-10T02:00:00.000Z',
  correlationId: `${actorId}-bench`,
});

/** A distinct valid ID number per index (10,000 per birth date). */
export function personIdAt(i: number): string {
  const day = 1 + (Math.floor(i / 1000) % 28);
  const month = 1 + (Math.floor(i / 28_000) % 12);
  return makeResidentId(
    '140202',
    `1990${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
    i % 1000,
  );
}

export const personKeyOf = (personId: string) =>
  createHash('sha256').update(`bench:${personId}`).digest('hex').slice(0, 40);

/**
 * Registers an enterprise and submits and approves an application with
 * `claims` claims (distinct persons from `firstPerson`), ready for tranche 1.
 */
export async function approvedApplication(
  deps: LedgerDeps,
  seed: number,
  claims: number,
  firstPerson = 0,
): Promise<{ applicationId: string; enterpriseId: string }> {
  const enterpriseId = makeCreditCode(seed);
  await registerEnterprise(deps, ctxOf('rita', 'reviewer'), {
    enterpriseId,
    name: `Enterprise ${seed}`,
    industry: 'call',
    seats: Math.max(200, claims),
    registeredOn: '2023-01-05',
  });
  const applicationId = `bench-app-${seed}`;
  const months = ['2023-01', '2023-02'];
  const submitted = await submitSeatApplication(deps, ctxOf('clerk', 'applicant'), {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: Array.from({ length: claims }, (_, i) => {
      const personId = personIdAt(firstPerson + i);
      return {
        personId,
        personKey: personKeyOf(personId),
        personIdMasked: maskResidentId(personId),
        name: `P${firstPerson + i}`,
        wageMonths: months,
        insuranceMonths: months,
      };
    }),
  });
  await reviewApplication(deps, ctxOf('rita', 'reviewer'), applicationId, {
    processId: `${applicationId}-review`,
    reviewedBy: 'rita',
    decidedOn: '2023-03-05',
    decisions: submitted.result.claims.map((c) => ({ claimId: c.claimId, approve: true })),
  });
  return { applicationId, enterpriseId };
}

export function approveFirstTranche(deps: LedgerDeps, applicationId: string) {
  return approveTranche(deps, ctxOf('fay', 'finance'), applicationId, {
    tranche: 1,
    decidedOn: '2023-03-10',
  });
}
