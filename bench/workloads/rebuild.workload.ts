import { SQLITE_READ_MODEL_LIMITS } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { round, runBuiltChild, Workload } from '../bench-support';
import { historyToRead, lastJsonLine } from './history-input';

interface ChildResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  /** The main thread's share of cpuSeconds. */
  mainCpuSeconds?: number;
  maxRssMb: number;
  vmHwmMb: number;
  verified?: boolean;
  /** `floor` only (reference/read-model-write-floor.ts). */
  rows?: number;
  writeSeconds?: number;
  indexSeconds?: number;
}

/**
 * Issue #4 workload 6: rebuild every read model from 1,000,000 events
 * (10,000 in quick mode) in a child process (children/rebuild.child.ts,
 * compiled, as the CLI runs it: `runBuiltChild`), which
 * reports its events/s, its peak RSS and whether the rebuilt read models equal
 * the ones written inline. References, in the same run, each in another
 * child: a raw scan of the same events (read in order, JSON parsed), and the
 * write floor: the rows the rebuilt read models hold written raw, in the
 * rebuild's transactions and settings, the least a rebuild must write.
 *
 * The history is the growth workload's when it ran before in this run,
 * otherwise one written once for rebuild and verify (history-input.ts).
 */
export const rebuildWorkload: Workload = async ({ quick }, report) => {
  const target = quick ? 10_000 : 1_000_000;
  const dataDir = await historyToRead(target);
  const parse = (out: string) => lastJsonLine<ChildResult>(out);
  const rebuild = parse(
    await runBuiltChild('bench/children/rebuild.child.ts', [dataDir, 'rebuild']),
  );
  const scan = parse(await runBuiltChild('bench/children/rebuild.child.ts', [dataDir, 'scan']));
  const floor = parse(await runBuiltChild('bench/children/rebuild.child.ts', [dataDir, 'floor']));
  if (rebuild.verified !== true) throw new Error('rebuilt read models differ from the live ones');
  const events = rebuild.events.toLocaleString('en');
  report({
    workload: 'rebuild',
    metric: `rebuild of ${events} events`,
    value: round(rebuild.eventsPerSecond, 0),
    unit: 'events/s',
    reference: round(scan.eventsPerSecond, 0),
    ratio: round(rebuild.eventsPerSecond / scan.eventsPerSecond, 2),
    target: '≥ 100,000 events/s',
    met: rebuild.eventsPerSecond >= 100_000,
    notes: `${round(rebuild.seconds, 1)} s, ${round(rebuild.cpuSeconds, 1)} CPU s, ${round(rebuild.mainCpuSeconds ?? 0, 1)} on the main thread (reference ${round(scan.cpuSeconds, 1)}); rebuilt read models verified equal to the inline ones; reference: raw scan of the events with JSON.parse`,
  });
  report({
    workload: 'rebuild',
    metric: `peak RSS, rebuild of ${events} events`,
    value: round(rebuild.maxRssMb, 0),
    unit: 'MB',
    reference: round(scan.maxRssMb, 0),
    ratio: round(rebuild.maxRssMb / scan.maxRssMb, 2),
    target: '< 200 MB',
    met: rebuild.maxRssMb < 200,
    notes: `getrusage maxRSS of the child; VmHWM ${round(rebuild.vmHwmMb, 0)} MB; reference: the raw scan's`,
  });
  report({
    workload: 'rebuild',
    metric: `write floor: the ${(floor.rows ?? 0).toLocaleString('en')} rows the rebuilt read models of ${events} events hold, written raw`,
    value: round(floor.eventsPerSecond, 0),
    unit: 'events/s',
    reference: round(rebuild.eventsPerSecond, 0),
    ratio: round(rebuild.eventsPerSecond / floor.eventsPerSecond, 2),
    target: '≥ 100,000 events/s (the rebuild target; below it, the target is out of reach)',
    met: floor.eventsPerSecond >= 100_000,
    notes: `${round(floor.writeSeconds ?? 0, 1)} s of row writes in one transaction per ${SQLITE_READ_MODEL_LIMITS.replayPageSize.toLocaleString('en')} events and ${round(floor.indexSeconds ?? 0, 1)} s of index builds, ${round(floor.cpuSeconds, 1)} CPU s; no event read, no projection run; ratio: the rebuild's events/s over this`,
  });
};
