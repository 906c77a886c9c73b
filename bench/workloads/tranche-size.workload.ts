import { approvedApplication, approveFirstTranche, openEmbeddedLedger } from '../ledger-fixture';
import { nowMs, round, tempDir, Workload } from '../bench-support';
import { eventAt, openRawEventTable } from '../raw-sqlite';

/**
 * Issue #4 workload 4 (and the issue #2 figure): the time of one tranche
 * approval of 100, 1,000 and 10,000 claims on the embedded store, through the
 * application layer (the reservation process, one person-stream append per
 * claim, read models written inline), without HTTP.
 *
 * Reference, in the same run, right after each tranche: raw better-sqlite3
 * making as many single-event appends as the tranche made (one per claim and
 * two on the application), one transaction each (raw-sqlite.ts). The process
 * awaits each reservation before the next, so it cannot do better than this
 * one fsync per claim; the ratio is what the ledger adds to it.
 */
export const trancheSizeWorkload: Workload = async ({ quick }, report) => {
  const sizes = quick ? [100, 1_000] : [100, 1_000, 10_000];
  for (const size of sizes) {
    const tmp = tempDir(`tranche-${size}`);
    try {
      const ledger = openEmbeddedLedger(tmp.dir);
      const { applicationId } = await approvedApplication(ledger.deps, size, size);
      const before = ledger.store.appendStats();
      let t0 = nowMs();
      const r = await approveFirstTranche(ledger.deps, applicationId);
      const ms = nowMs() - t0;
      const appends = ledger.store.appendStats().appends - before.appends;
      await ledger.store.close();
      if (r.result.included.length !== size)
        throw new Error(`tranche of ${size} included ${r.result.included.length}`);

      const raw = openRawEventTable(`${tmp.dir}/raw.sqlite`);
      t0 = nowMs();
      for (let i = 0; i < appends; i++) raw.append(`person-${i}`, -1, [eventAt(i, 0)]);
      const rawMs = nowMs() - t0;
      raw.close();

      report({
        workload: 'tranche size',
        metric: `tranche of ${size} claims`,
        value: round(ms, 0),
        unit: 'ms',
        reference: round(rawMs, 0),
        ratio: round(ms / rawMs, 2),
        notes: `${appends} appends; reference: as many raw single appends`,
      });
      report({
        workload: 'tranche size',
        metric: `per claim, tranche of ${size}`,
        value: round(ms / size, 3),
        unit: 'ms/claim',
        reference: round(rawMs / size, 3),
        ratio: round(ms / rawMs, 2),
      });
    } finally {
      tmp.remove();
    }
  }
};
