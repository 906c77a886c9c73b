import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { percentile } from './bench-support';

/**
 * The load generators of the HTTP workloads, run in the bench process against
 * a server in another OS process. Latency is taken with hrtime (µs), not the
 * 1 ms buckets of autocannon's histogram: a query answering in 0.4 ms and one
 * answering in 1.4 ms are not the same figure here.
 */
export interface HttpCall {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadResult {
  /** Requests answered (any status). */
  completed: number;
  /** Requests that failed at the socket level. */
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  seconds: number;
  /** Answers per second over the whole run. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every latency, ascending (to merge runs). */
  latenciesMs: number[];
}

interface Answer {
  status: number;
  body: string;
}

export function makeAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

export function call(baseUrl: string, agent: Agent, c: HttpCall): Promise<Answer> {
  const url = new URL(c.path, baseUrl);
  const payload = c.body === undefined ? undefined : JSON.stringify(c.body);
  const headers: Record<string, string> = { ...c.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: c.method ?? 'GET',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function summarise(
  latencies: number[],
  statuses: Record<string, number>,
  errors: number,
  ms: number,
): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    errors,
    statuses,
    seconds: ms / 1000,
    rate: latencies.length / (ms / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
    latenciesMs: latencies,
  };
}

/** Several runs of one load as one: rates over the summed time, percentiles over every answer. */
export function mergeResults(runs: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of runs) {
    for (const [status, n] of Object.entries(r.statuses))
      statuses[status] = (statuses[status] ?? 0) + n;
  }
  return summarise(
    runs.flatMap((r) => r.latenciesMs),
    statuses,
    runs.reduce((n, r) => n + r.errors, 0),
    runs.reduce((ms, r) => ms + r.seconds * 1000, 0),
  );
}

const hr = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Closed loop: `concurrency` clients, each sending its next request when the
 * last one is answered, until `count` requests are answered. `check` sees
 * every answer; a thrown error stops the run.
 */
export async function closedLoop(options: {
  baseUrl: string;
  concurrency: number;
  count: number;
  callAt: (i: number) => HttpCall;
  check?: (answer: Answer, i: number) => void;
}): Promise<LoadResult> {
  const agent = makeAgent(options.concurrency);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  const t0 = hr();
  const client = async () => {
    while (next < options.count) {
      const i = next++;
      const started = hr();
      try {
        const answer = await call(options.baseUrl, agent, options.callAt(i));
        latencies.push(hr() - started);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        options.check?.(answer, i);
      } catch (err) {
        if (!(err instanceof Error) || !('code' in err)) throw err;
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const ms = hr() - t0;
  agent.destroy();
  return summarise(latencies, statuses, errors, ms);
}

/**
 * Open loop: request i is due at t0 + i / rate whatever happened to the
 * others, and its latency is counted from when it was due, so a stalled
 * server is charged for the requests that queued behind the stall (no
 * coordinated omission). Requests queue in the agent when every socket is
 * busy; that wait counts too.
 */
export async function openLoop(options: {
  baseUrl: string;
  rate: number;
  seconds: number;
  sockets: number;
  callAt: (i: number) => HttpCall;
}): Promise<LoadResult> {
  const agent = makeAgent(options.sockets);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const t0 = hr();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((hr() - t0) / 1000) * options.rate) + 1);
      while (sent < due) {
        const dueAt = t0 + (sent / options.rate) * 1000;
        const p = call(options.baseUrl, agent, options.callAt(sent)).then(
          (answer) => {
            latencies.push(hr() - dueAt);
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          },
          () => void errors++,
        );
        const tracked = p.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const ms = hr() - t0;
  agent.destroy();
  return summarise(latencies, statuses, errors, ms);
}

/**
 * CPU time (user + system) so far of a process and every live process under
 * it, in ms, from /proc/<pid>/stat: with `LEDGER_WORKERS=N` the API's
 * requests are served by worker processes its first process forked, and
 * counting that one alone showed almost no CPU per request.
 */
export function processCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14 and 15 of proc(5) (utime, stime), counted from the state field (3).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone since it was listed: its time is no longer counted anywhere.
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Bytes a process and every live process under it have handed to write
 * calls so far (`wchar` of /proc/<pid>/io): for the API, its WAL frames,
 * the checkpoints' copies of them into the database file, the log anchor
 * and its log lines. Counted whether or not the page cache has reached the
 * disk yet, so the same work gives the same figure on a busy box.
 */
export function processWriteBytes(pid: number): number {
  let bytes = 0;
  for (const p of processTree(pid)) {
    try {
      const io = readFileSync(`/proc/${p}/io`, 'utf8');
      bytes += Number(/^wchar: (\d+)$/m.exec(io)?.[1] ?? 0);
    } catch {
      // Gone since it was listed: its writes are no longer counted anywhere.
    }
  }
  return bytes;
}

/** `pid` and its descendants, from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${found[i]}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${found[i]}/task/${tid}/children`, 'utf8');
        for (const c of children.split(' ')) if (c.trim() !== '') found.push(Number(c));
      } catch {
        // The task ended while being read.
      }
    }
  }
  return found;
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Runs `work` and says how busy the server process and this (client) process
 * were meanwhile, in % of one core: on a 2-core machine, two processes near
 * 100 % each means the figure is CPU-bound and shares its cores with the
 * load generator.
 */
export async function withCpu<T>(
  serverPid: number,
  work: () => Promise<T>,
): Promise<{ result: T; serverCpuPct: number; clientCpuPct: number; serverWriteBytes: number }> {
  const server0 = processCpuMs(serverPid);
  const written0 = processWriteBytes(serverPid);
  const client0 = process.cpuUsage();
  const t0 = hr();
  const result = await work();
  const ms = hr() - t0;
  const client = process.cpuUsage(client0);
  return {
    result,
    serverCpuPct: ((processCpuMs(serverPid) - server0) / ms) * 100,
    clientCpuPct: ((client.user + client.system) / 1000 / ms) * 100,
    serverWriteBytes: processWriteBytes(serverPid) - written0,
  };
}
