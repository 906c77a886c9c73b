/**
 * A private `redis-server` for tests: its own free port (never 6379) and its
 * own data directory, so a test can stop it, crash it (SIGKILL) and start it
 * again on the same port and directory.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerOptions {
  /** AOF on (default true). */
  appendonly?: boolean;
  /** `always` (default): nothing acknowledged is lost in a crash. */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Default: a new temporary directory, removed by `dispose()`. */
  dir?: string;
  /** Default: a free port. */
  port?: number;
  /** How long to wait for PING to answer (default 20 s). */
  startTimeoutMs?: number;
}

export interface RedisServerHandle {
  port: number;
  url: string;
  dir: string;
  /** The running process id (undefined while stopped). */
  pid(): number | undefined;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>;
  /** Start again on the same port and directory (stops it first if running). */
  restart(): Promise<void>;
  /** Stop, and remove the directory if this helper made it. */
  dispose(): Promise<void>;
}

const SYSTEM_PORT = 6379;

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (port !== 0 && port !== SYSTEM_PORT) return port;
  }
}

/** One raw PING: true on +PONG (not while the AOF is still loading). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startRedisServer(
  options: RedisServerOptions = {},
): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  if (port === SYSTEM_PORT) throw new Error('tests never use the system redis port 6379');
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ledger-test-redis-'));
  const appendonly = options.appendonly ?? true;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    appendonly ? 'yes' : 'no',
    '--appendfsync',
    options.appendfsync ?? 'always',
    '--save',
    '',
    '--daemonize',
    'no',
    '--logfile',
    join(dir, 'redis.log'),
  ];
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  async function start(): Promise<void> {
    const proc = spawn('redis-server', args, { stdio: 'ignore' });
    child = proc;
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    let failed: Error | undefined;
    proc.once('error', (err) => (failed = err));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (failed) throw failed;
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`redis-server on port ${port} exited at start; see ${dir}/redis.log`);
      }
      if (await ping(port)) return;
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server on port ${port} did not answer PING in ${timeoutMs} ms`);
      }
      await sleep(25);
    }
  }

  async function signal(sig: NodeJS.Signals): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(sig);
    await exited;
    child = undefined;
  }

  await start();
  const handle: RedisServerHandle = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => child?.pid,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    restart: async () => {
      await signal('SIGTERM');
      await start();
    },
    dispose: async () => {
      await signal('SIGTERM');
      process.removeListener('exit', killOnExit);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
