// What-if (not part of the bench): the tranche process reserving persons 32 at a time.
import {
  approveTranche,
  finishTrancheApproval,
  laterPosition,
  loadStream,
  runOnStream,
  seatApplicationFold,
  personFold,
  metadataFor,
  LedgerDeps,
  CommandContext,
} from '@ledger/application';
import {
  decideReserveCap,
  decideCompleteTrancheApproval,
  reservationIdOf,
  streams,
  ReservationOutcome,
} from '@ledger/domain';
import { EventStore } from '@ledger/event-store/event-store.port';
import {
  approvedApplication,
  ctxOf,
  forEachConcurrently,
  openEmbeddedLedger,
} from './ledger-fixture';
import { nowMs, tempDir } from './bench-support';

async function finishConcurrently(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  trancheId: string,
  concurrency: number,
) {
  const appStream = streams.seatApplication(applicationId);
  const { state: app } = await loadStream(deps.store, appStream, seatApplicationFold);
  const t = app.tranches.get(trancheId)!;
  const policy = deps.policies.byId(t.policyVersion);
  const meta = () => metadataFor(ctx, t.decidedOn, policy.id, trancheId);
  const outcomes = new Map<string, ReservationOutcome>();
  let position: number | undefined;
  await forEachConcurrently(t.candidates.length, concurrency, async (i) => {
    const c = t.candidates[i];
    const reservationId = reservationIdOf(trancheId, c.claimId);
    const step = await runOnStream(
      deps.store,
      streams.person(c.personKey),
      personFold,
      (s) =>
        decideReserveCap(
          s,
          {
            reservationId,
            personKey: c.personKey,
            trancheId,
            claimId: c.claimId,
            applicationId,
            enterpriseId: app.enterpriseId,
            requestedFen: c.requestedFen,
            decidedOn: t.decidedOn,
          },
          policy,
        ),
      meta,
    );
    position = laterPosition(position, step.position);
    const outcome = step.state.reservationOutcomes.get(reservationId);
    if (outcome) outcomes.set(reservationId, outcome);
  });
  const done = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) => decideCompleteTrancheApproval(s, trancheId, outcomes),
    meta,
  );
  return done.state.tranches.get(trancheId)!;
}

/** A store that "crashes" right after the TrancheApprovalStarted append. */
function crashingAfterStart(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop !== 'append') return Reflect.get(target, prop);
      return async (...args: Parameters<EventStore['append']>) => {
        const r = await target.append(...args);
        if (args[1].some((e) => e.type === 'TrancheApprovalStarted')) throw new Error('crash');
        return r;
      };
    },
  });
}

async function main() {
  const size = Number(process.argv[2] ?? 1000);
  for (const mode of ['sequential', 'concurrent 32', 'sequential', 'concurrent 32']) {
    const tmp = tempDir('whatif');
    const l = openEmbeddedLedger(tmp.dir);
    const { applicationId } = await approvedApplication(l.deps, 1, size);
    await approveTranche(
      { ...l.deps, store: crashingAfterStart(l.store) },
      ctxOf('fay', 'finance'),
      applicationId,
      { tranche: 1, decidedOn: '2023-03-10' },
    ).catch(() => undefined);
    const before = l.store.appendStats();
    const t0 = nowMs();
    const t =
      mode === 'sequential'
        ? (
            await finishTrancheApproval(
              l.deps,
              ctxOf('fay', 'finance'),
              applicationId,
              `${applicationId}.t1`,
            )
          ).result
        : await finishConcurrently(
            l.deps,
            ctxOf('fay', 'finance'),
            applicationId,
            `${applicationId}.t1`,
            32,
          );
    const ms = nowMs() - t0;
    const after = l.store.appendStats();
    console.log(
      mode,
      size,
      'claims:',
      ms.toFixed(0),
      'ms',
      (ms / size).toFixed(3),
      'ms/claim;',
      after.appends - before.appends,
      'appends in',
      after.transactions - before.transactions,
      'transactions; included',
      'included' in t ? t.included.length : 0,
    );
    await l.store.close();
    tmp.remove();
  }
}
main();
