import { JwtService } from '@nestjs/jwt';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The built API; `npm test` builds it before the e2e tier runs. */
export const API_MAIN = path.resolve(__dirname, '../../dist/apps/api/src/main.js');
export const TEST_JWT_SECRET = 'e2e-secret-0123456789abcdef0123456789abcdef';
export const TEST_PERSON_KEY_SECRET = 'e2e-person-key-0123456789abcdef0123456789';

/**
 * How long an API may take to say it listens. An API of LEDGER_WORKERS=2 starts
 * three processes, each ~4 s of CPU on Fastify (ADR 0023); on a 2-core box
 * busy with other suites that took over 30 s. A start that never comes still fails.
 */
const START_DEADLINE_MS = 90_000;

export type Role = 'applicant' | 'reviewer' | 'finance' | 'supervisor' | 'auditor';

const tempDataDirs: string[] = [];

/** A fresh data directory, removed by `removeTempDataDirs()`. */
export function tempDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-test-${label}-`));
  tempDataDirs.push(dir);
  return dir;
}

/**
 * Removes every directory `tempDataDir` made in this test file (jest loads
 * this module once per file). Call it in `afterAll`, once the processes
 * writing there have stopped.
 */
export function removeTempDataDirs(): void {
  for (const dir of tempDataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function tokenFor(sub: string, role: Role, extra: Record<string, string> = {}): string {
  return new JwtService({ secret: TEST_JWT_SECRET }).sign(
    { sub, role, ...extra },
    { algorithm: 'HS256', expiresIn: '1h' },
  );
}

export interface LedgerProcess {
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no flush; what a power cut or OOM kill does. */
  kill(): Promise<void>;
}

/** Starts `node dist/apps/api/src/main.js` on a free port and waits for `GET /health`. */
export async function startLedger(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<LedgerProcess> {
  if (!fs.existsSync(API_MAIN))
    throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_JWT_SECRET: TEST_JWT_SECRET,
      LEDGER_PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
      LOG_LEVEL: 'warn',
      // R-BUDGET (issue #14) is on by default; suites about other rules approve
      // tranches without recording a budget, as a ledger of older history does.
      // The budget suites, the README walk-through and the seat story pass 'on'.
      LEDGER_BUDGET_CONTROL: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + START_DEADLINE_MS;
  let baseUrl: string | undefined;
  while (!baseUrl) {
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) baseUrl = m[1].replace('localhost', '127.0.0.1');
    else if (child.exitCode !== null)
      throw new Error(`ledger exited with ${child.exitCode}:\n${out}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ledger did not start in ${START_DEADLINE_MS / 1000} s:\n${out}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const health = await fetch(`${baseUrl}/health`);
  if (health.status !== 200) throw new Error(`health answered ${health.status}`);
  const url = baseUrl;
  return {
    baseUrl: url,
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin HTTP client over fetch: real HTTP, real JWTs. */
export class LedgerClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): LedgerClient {
    return new LedgerClient(this.baseUrl, token);
  }

  async request<T = any>(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      h['content-type'] = h['content-type'] ?? 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${p}`, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(p: string, headers?: Record<string, string>) {
    return this.request<T>('GET', p, undefined, headers);
  }

  post<T = any>(p: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', p, body, headers);
  }
}

export const PROJECTOR_MAIN = path.resolve(__dirname, '../../dist/apps/projector/src/main.js');

export interface ProjectorProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the built projector (`npm run start:projector`) against the given backends. */
export async function startProjector(env: Record<string, string>): Promise<ProjectorProcess> {
  if (!fs.existsSync(PROJECTOR_MAIN))
    throw new Error(`${PROJECTOR_MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [PROJECTOR_MAIN], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      LEDGER_PROJECTOR_LEASE_MS: '2000',
      // Two projectors may run at once: any free port each.
      LEDGER_PROJECTOR_METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!out.includes('projector started')) {
    if (child.exitCode !== null)
      throw new Error(`projector exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`projector did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}
