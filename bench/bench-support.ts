import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One measured figure: printed as a JSON line, gathered into the closing table. */
export interface Figure {
  workload: string;
  metric: string;
  value: number;
  unit: string;
  /** The same metric for the reference run in the same process, when there is one. */
  reference?: number;
  /** value / reference, or the target comparison. */
  ratio?: number;
  target?: string;
  /** Whether the target is met, when there is one. */
  met?: boolean;
  notes?: string;
}

export interface BenchOptions {
  quick: boolean;
}

export type Workload = (options: BenchOptions, report: (f: Figure) => void) => Promise<void>;

export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `ledger-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** The repository root (bench/..). */
export const ROOT = resolve(__dirname, '..');

/**
 * Directories one workload leaves for a later one in the same run (the growth
 * workload's 1,000,000-event history is the rebuild workload's input); the
 * runner removes them at the end.
 */
const sharedDirs = new Map<string, { dir: string; remove: () => void }>();

export function shareDir(key: string, tmp: { dir: string; remove: () => void }): void {
  sharedDirs.get(key)?.remove();
  sharedDirs.set(key, tmp);
}

export function sharedDir(key: string): string | undefined {
  return sharedDirs.get(key)?.dir;
}

export function removeSharedDirs(): void {
  for (const tmp of sharedDirs.values()) tmp.remove();
  sharedDirs.clear();
}

/**
 * Runs a TypeScript file of bench/ in its own Node process (through tsx's
 * loader, no extra tsx process) and resolves with its stdout; rejects on a
 * non-zero exit with its stderr.
 */
export function runTsChild(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; nodeFlags?: string[] } = {},
): Promise<string> {
  return runNodeChild(['--import', 'tsx', join(ROOT, script)], args, options);
}

/**
 * Runs the compiled form of a TypeScript file of bench/ (`dist/…/*.js`, as
 * `npm run build` and the bench's own build make it) in its own Node process:
 * what `ledger verify` and `ledger rebuild` run is compiled JavaScript, and
 * tsx's loader in the child and in each of its threads added ~40 MB to the
 * peak RSS measured (ADR 0020 §83).
 */
export function runBuiltChild(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; nodeFlags?: string[] } = {},
): Promise<string> {
  const built = builtPathOf(script);
  if (!existsSync(built)) {
    return Promise.reject(
      new Error(`${built} is missing: run \`npm run build\` (or the bench without --no-build)`),
    );
  }
  return runNodeChild([built], args, options);
}

/** Where the build writes a TypeScript file of the repository (tsconfig.build.json: rootDir `./`, outDir `dist`). */
export function builtPathOf(script: string): string {
  return join(ROOT, 'dist', script.replace(/\.ts$/, '.js'));
}

function runNodeChild(
  entry: string[],
  args: string[],
  options: { env?: Record<string, string>; nodeFlags?: string[] },
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolvePromise(out);
      else reject(new Error(`${entry.at(-1)} exited with ${code ?? signal}:\n${err}`));
    });
  });
}

/**
 * Starts a reference server of bench/reference/ in its own Node process; it
 * prints `listening <port>` once it serves. `built` runs its compiled form
 * (a Nest application needs the decorator metadata tsx does not emit).
 */
export async function startReferenceServer(
  script: string,
  args: string[],
  options: { built?: boolean; env?: Record<string, string> } = {},
): Promise<{ baseUrl: string; pid: number; stop: () => void }> {
  const entry = options.built ? [builtPathOf(script)] : ['--import', 'tsx', join(ROOT, script)];
  if (options.built && !existsSync(entry[0])) {
    throw new Error(
      `${entry[0]} is missing: run \`npm run build\` (or the bench without --no-build)`,
    );
  }
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const port = await new Promise<number>((resolvePort, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /listening (\d+)/.exec(out);
      if (m) resolvePort(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => child.kill('SIGTERM'),
  };
}

/** A small deterministic PRNG (mulberry32), so every run queries the same keys. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
