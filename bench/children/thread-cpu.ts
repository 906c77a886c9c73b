import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds of one thread of this process (/proc stat fields 14 and 15, ticks of 1/100 s). */
function threadCpuSeconds(tid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined; // the thread ended between the listing and the read
  }
}

/**
 * Samples every thread's CPU time while `work` runs (every 50 ms, and once
 * at the end), so that a worker thread that ends before the work returns is
 * still counted (within one interval). Returns the main thread's CPU seconds
 * during the work and the busiest other thread's: with part of the work on a
 * worker thread, the longer of the two is what an idle second core would
 * leave as the wall time (V8's helper threads, also listed, use far less).
 */
export async function withThreadCpu<T>(
  work: () => Promise<T>,
): Promise<{ result: T; mainCpuSeconds: number; busiestOtherCpuSeconds: number }> {
  const main = String(process.pid);
  const start = new Map<string, number>();
  const last = new Map<string, number>();
  let first = true;
  const sample = () => {
    for (const tid of readdirSync('/proc/self/task')) {
      const cpu = threadCpuSeconds(tid);
      if (cpu === undefined) continue;
      // Threads there before the work count from then; later ones from 0.
      if (!start.has(tid)) start.set(tid, first ? cpu : 0);
      last.set(tid, cpu);
    }
    first = false;
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    let busiest = 0;
    for (const [tid, cpu] of last) {
      if (tid !== main) busiest = Math.max(busiest, cpu - (start.get(tid) ?? 0));
    }
    return {
      result,
      mainCpuSeconds: (last.get(main) ?? 0) - (start.get(main) ?? 0),
      busiestOtherCpuSeconds: busiest,
    };
  } finally {
    clearInterval(timer);
  }
}
