import { round, runBuiltChild, Workload } from '../bench-support';
import { historyToRead, lastJsonLine } from './history-input';

interface ChildResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  /** The main thread's share of cpuSeconds (the log is checked on a second thread). */
  mainCpuSeconds?: number;
  maxRssMb: number;
  ok?: boolean;
  problems?: number;
}

/**
 * Issue #16 goal 4: `ledger verify` over 1,000,000 events (10,000 in quick
 * mode) in a child process (children/verify.child.ts, compiled, as the CLI
 * runs it: `runBuiltChild`), every check on, with
 * its events/s and peak RSS. Reference, in the same run: a raw scan of the
 * same events that parses and hashes each one (SHA-256), in another child.
 *
 * The history is the growth workload's when it ran before in this run,
 * otherwise one written once for rebuild and verify (history-input.ts).
 */
export const verifyWorkload: Workload = async ({ quick }, report) => {
  const target = quick ? 10_000 : 1_000_000;
  const dataDir = await historyToRead(target);
  const parse = (out: string) => lastJsonLine<ChildResult>(out);
  const verify = parse(await runBuiltChild('bench/children/verify.child.ts', [dataDir, 'verify']));
  const scan = parse(await runBuiltChild('bench/children/verify.child.ts', [dataDir, 'scan']));
  const events = verify.events.toLocaleString('en');
  report({
    workload: 'verify',
    metric: `verify of ${events} events`,
    value: round(verify.eventsPerSecond, 0),
    unit: 'events/s',
    reference: round(scan.eventsPerSecond, 0),
    ratio: round(verify.eventsPerSecond / scan.eventsPerSecond, 2),
    target: '≥ 60,000 events/s',
    met: verify.eventsPerSecond >= 60_000,
    notes: `${round(verify.seconds, 1)} s, ${round(verify.cpuSeconds, 1)} CPU s, ${round(verify.mainCpuSeconds ?? 0, 1)} on the main thread (reference ${round(scan.cpuSeconds, 1)}); every check on (hash chains, invariants, read models replayed and compared, the no-delete trigger): ${verify.problems} problems; reference: raw scan with JSON.parse and SHA-256`,
  });
  report({
    workload: 'verify',
    metric: `peak RSS, verify of ${events} events`,
    value: round(verify.maxRssMb, 0),
    unit: 'MB',
    reference: round(scan.maxRssMb, 0),
    ratio: round(verify.maxRssMb / scan.maxRssMb, 2),
    target: '< 200 MB',
    met: verify.maxRssMb < 200,
    notes: "getrusage maxRSS of the child; reference: the raw scan's",
  });
};
