import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadLedgerConfig } from '../apps/api/src/platform/config/ledger-config';

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what
 * can be checked without it: the topology the issue asks for, and that every
 * service's environment is exactly configuration the code reads, with values
 * the code accepts.
 */
const ROOT = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
});

type Service = {
  environment?: Record<string, string>;
  command?: string[];
  image?: string;
  build?: unknown;
};
const services = compose.services as Record<string, Service>;

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') out.push(...sourcesUnder(p));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

/** Every environment variable a program's code reads. */
function variablesReadBy(...dirs: string[]): Set<string> {
  const names = new Set<string>();
  // A variable is read through process.env, or by name as a string literal (read(env, 'X'), resolveSecret(env, 'X', …)).
  const patterns = [/process\.env\.([A-Z][A-Z0-9_]*)/g, /'(LEDGER_[A-Z0-9_]+|PORT|LOG_LEVEL)'/g];
  for (const dir of dirs) {
    for (const file of sourcesUnder(path.join(ROOT, dir))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) names.add(m[1]);
    }
  }
  return names;
}

const API_VARS = variablesReadBy('apps/api/src', 'libs');
const PROJECTOR_VARS = variablesReadBy('apps/projector/src', 'libs');
const isApi = (s: Service) => s.command?.join(' ').includes('apps/api/src/main.js');
const isProjector = (s: Service) => s.command?.join(' ').includes('apps/projector/src/main.js');
/** `${VAR:?message}` is supplied by whoever runs compose; a stand-in value checks the rest. */
const interpolate = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(48)),
    ]),
  );

describe('docker-compose.yml, the scale-out topology', () => {
  const dataDirs: string[] = [];
  afterAll(() => dataDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('given the compose file, when read, then it has three EventStoreDB nodes, Redis with AOF, two API replicas and a projector', () => {
    const esdb = Object.values(services).filter((s) =>
      String(s.image ?? '').startsWith('eventstore/'),
    );
    expect(esdb).toHaveLength(3);
    for (const node of esdb) expect(node.environment?.EVENTSTORE_CLUSTER_SIZE).toBe('3');
    const redis = services.redis;
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(Object.values(services).filter(isApi)).toHaveLength(2);
    expect(Object.values(services).filter(isProjector)).toHaveLength(1);
  });

  it('given the scanner, when it reads the API sources, then it finds the variables the configuration is known to read', () => {
    // Proves the scan works, so the checks below cannot pass vacuously.
    for (const name of [
      'PORT',
      'LEDGER_DATA_DIR',
      'LEDGER_EVENTSTORE_URL',
      'LEDGER_REDIS_URL',
      'LEDGER_JWT_SECRET',
    ]) {
      expect(API_VARS).toContain(name);
    }
    expect(PROJECTOR_VARS).toContain('LEDGER_PROJECTOR_LEASE_MS');
  });

  it.each(Object.entries(services).filter(([, s]) => isApi(s)))(
    'given API service %s, when its environment is checked, then every variable is one the API reads and the configuration loads in scale-out mode',
    (_name, service) => {
      const env = interpolate(service.environment ?? {});
      for (const key of Object.keys(env)) expect(API_VARS).toContain(key);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-compose-'));
      dataDirs.push(dataDir);
      const config = loadLedgerConfig({ ...env, LEDGER_DATA_DIR: dataDir });
      expect(config.eventStoreUrl).toMatch(
        /^esdb:\/\/esdb1:2113,esdb2:2113,esdb3:2113\?tls=false$/,
      );
      expect(config.redisUrl).toBe('redis://redis:6379');
    },
  );

  it('given the projector service, when its environment is checked, then every variable is one the projector reads and both URLs are set', () => {
    const [projector] = Object.values(services).filter(isProjector);
    const env = projector.environment ?? {};
    for (const key of Object.keys(env)) expect(PROJECTOR_VARS).toContain(key);
    expect(env.LEDGER_EVENTSTORE_URL).toBe(services.api1.environment?.LEDGER_EVENTSTORE_URL);
    expect(env.LEDGER_REDIS_URL).toBe(services.api1.environment?.LEDGER_REDIS_URL);
  });
});
