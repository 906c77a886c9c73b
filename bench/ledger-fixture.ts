import {
  approveTranche,
  CommandContext,
  LedgerDeps,
  openPublicity,
  registerEnterprise,
  reviewApplication,
  submitSeatApplication,
} from '@ledger/application';
import { DEFAULT_POLICY_TABLE, maskResidentId } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  SqliteEventStore,
  SqliteEventStoreOptions,
} from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { createHash, createHmac } from 'node:crypto';
import { TEST_PERSON_KEY_SECRET } from '../test/support/ledger-process';

/** The embedded ledger as the API wires it: events and inline read models in one file. */
export function openEmbeddedLedger(
  dataDir: string,
  options: Partial<SqliteEventStoreOptions> = {},
) {
  const store = SqliteEventStore.open({ ...options, dataDir });
  const readModels = new SqliteReadModels(store.database);
  store.setInlineProjector(readModels);
  const deps: LedgerDeps = { store, policies: DEFAULT_POLICY_TABLE };
  return { store, readModels, deps };
}

/**
 * Recorded after every business date the fixtures use (the payment of
 * 2023-03-20 included), so `ledger verify` finds no TIME violation in a history.
 */
export const ctxOf = (actorId: string, role: string): CommandContext => ({
  actorId,
  role,
  recordedAt: '2023-03-20T02:00:00.000Z',
  correlationId: `${actorId}-bench`,
});

/** A distinct valid ID number per index (1,000 per birth date, 336,000 per year from 1990). */
export function personIdAt(i: number): string {
  const day = 1 + (Math.floor(i / 1000) % 28);
  const month = 1 + (Math.floor(i / 28_000) % 12);
  const year = 1990 + Math.floor(i / 336_000);
  if (!Number.isSafeInteger(i) || i < 0 || year > 2020) throw new RangeError(`person ${i}`);
  return makeResidentId(
    '140202',
    `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
    i % 1000,
  );
}

export const personKeyOf = (personId: string) =>
  createHash('sha256').update(`bench:${personId}`).digest('hex').slice(0, 40);

/**
 * The key the built API derives for an ID number (PersonKeyService) when
 * started by `startLedger`: persons written by a fixture can then be queried
 * over HTTP by their ID number.
 */
export const apiPersonKeyOf = (personId: string) =>
  createHmac('sha256', TEST_PERSON_KEY_SECRET).update(personId, 'utf8').digest('hex').slice(0, 40);

export interface ApplicationOptions {
  /** Defaults to `bench-app-{seed}`. */
  applicationId?: string;
  /** Defaults to `personKeyOf`. */
  personKey?: (personId: string) => string;
}

/**
 * Registers an enterprise and submits and approves an application with
 * `claims` claims (distinct persons from `firstPerson`), ready for tranche 1.
 */
export async function approvedApplication(
  deps: LedgerDeps,
  seed: number,
  claims: number,
  firstPerson = 0,
  options: ApplicationOptions = {},
): Promise<{ applicationId: string; enterpriseId: string }> {
  const keyOf = options.personKey ?? personKeyOf;
  const enterpriseId = makeCreditCode(seed);
  await registerEnterprise(deps, ctxOf('rita', 'reviewer'), {
    enterpriseId,
    name: `Enterprise ${seed}`,
    industry: 'call',
    seats: Math.max(200, claims),
    registeredOn: '2023-01-05',
  });
  const applicationId = options.applicationId ?? `bench-app-${seed}`;
  const months = ['2023-01', '2023-02'];
  const submitted = await submitSeatApplication(deps, ctxOf('clerk', 'applicant'), {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: Array.from({ length: claims }, (_, i) => {
      const personId = personIdAt(firstPerson + i);
      return {
        personId,
        personKey: keyOf(personId),
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

/** Publicity of 7 days (2023-03-11..17) for an approved tranche: payable from 2023-03-18. */
export function publicizeTranche(deps: LedgerDeps, trancheId: string, publicityId: string) {
  return openPublicity(deps, ctxOf('rita', 'reviewer'), {
    publicityId,
    trancheIds: [trancheId],
    startsOn: '2023-03-11',
    endsOn: '2023-03-17',
  });
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function forEachConcurrently(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
