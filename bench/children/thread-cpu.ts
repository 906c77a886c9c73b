import { readFileSync } from 'node:fs';

/** CPU seconds of the calling thread (/proc/thread-self/stat fields 14 and 15, ticks of 1/100 s). */
function ownThreadCpuSeconds(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The main thread's CPU seconds during `work`, and those of every other
 * thread of the process together (the process's minus the main thread's:
 * a worker thread and V8's helper threads). With part of the work on a
 * worker thread, the main thread's figure is a floor of what an idle second
 * core would leave as the wall time.
 */
export async function withThreadCpu<T>(
  work: () => Promise<T>,
): Promise<{ result: T; mainCpuSeconds: number; otherThreadsCpuSeconds: number }> {
  const process0 = process.cpuUsage();
  const main0 = ownThreadCpuSeconds();
  const result = await work();
  const mainCpuSeconds = ownThreadCpuSeconds() - main0;
  const total = process.cpuUsage(process0);
  return {
    result,
    mainCpuSeconds,
    otherThreadsCpuSeconds: Math.max(0, (total.user + total.system) / 1e6 - mainCpuSeconds),
  };
}
