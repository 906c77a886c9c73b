import { approvedApplication, approveFirstTranche, openEmbeddedLedger } from '../ledger-fixture';
import { nowMs, round, tempDir, Workload } from '../bench-support';

/**
 * Issue #4 workload 4 (and the issue #2 figure): the time of one tranche
 * approval of 100, 1,000 and 10,000 claims on the embedded store, through the
 * application layer (the reservation process, one person-stream append per
 * claim, read models written inline), without HTTP.
 */
export const trancheSizeWorkload: Workload = async ({ quick }, report) => {
  const sizes = quick ? [100, 1_000] : [100, 1_000, 10_000];
  for (const size of sizes) {
    const tmp = tempDir(`tranche-${size}`);
    const ledger = openEmbeddedLedger(tmp.dir);
    const { applicationId } = await approvedApplication(ledger.deps, size, size);
    const t0 = nowMs();
    const r = await approveFirstTranche(ledger.deps, applicationId);
    const ms = nowMs() - t0;
    if (r.result.included.length !== size)
      throw new Error(`tranche of ${size} included ${r.result.included.length}`);
    report({
      workload: 'tranche size',
      metric: `tranche of ${size} claims`,
      value: round(ms, 0),
      unit: 'ms',
    });
    report({
      workload: 'tranche size',
      metric: `per claim, tranche of ${size}`,
      value: round(ms / size, 3),
      unit: 'ms/claim',
    });
    await ledger.store.close();
    tmp.remove();
  }
};
