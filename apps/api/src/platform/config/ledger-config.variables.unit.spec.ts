import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LedgerConfigError, loadLedgerConfig, loadProjectorConfig } from './ledger-config';

/** Issue #15 point 6: every variable goes through the loader, and a bad value is one clear line. */
describe('ledger configuration: one error per variable', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-config-vars-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const scaleOut = {
    LEDGER_EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
    LEDGER_REDIS_URL: 'redis://localhost:6379',
    LEDGER_JWT_SECRET: 'x'.repeat(40),
    LEDGER_PERSON_KEY_SECRET: 'y'.repeat(40),
  };

  const failureOf = (load: () => unknown): LedgerConfigError => {
    try {
      load();
    } catch (error) {
      if (error instanceof LedgerConfigError) return error;
      throw error;
    }
    throw new Error('the configuration was accepted');
  };

  it.each([
    ['PORT', 'eighty', {}],
    ['LEDGER_DATA_DIR', 'FILE', {}],
    ['LEDGER_JWT_SECRET', 'z'.repeat(5000), {}],
    ['LEDGER_PERSON_KEY_SECRET', 'z'.repeat(5000), {}],
    ['LEDGER_BODY_LIMIT', 'lots', {}],
    ['LOG_LEVEL', 'loud', {}],
    ['LEDGER_TIMEZONE', 'Mars/Olympus_Mons', {}],
    ['LEDGER_RECOVERY_INTERVAL_MS', 'ten seconds', {}],
    ['LEDGER_RECOVERY_INTERVAL_MS', '-5', {}],
    ['LEDGER_SQLITE_GROUP_COMMIT', 'sometimes', {}],
    ['LEDGER_BUDGET_CONTROL', 'disabled', {}],
    [
      'LEDGER_DEBTOR_ACCOUNT',
      '12-34',
      { LEDGER_DEBTOR_NAME: '大同市财政局', LEDGER_DEBTOR_BANK_CODE: '102162000015' },
    ],
    [
      'LEDGER_DEBTOR_BANK_CODE',
      '1021',
      { LEDGER_DEBTOR_NAME: '大同市财政局', LEDGER_DEBTOR_ACCOUNT: '0502021234567890' },
    ],
    [
      'LEDGER_DEBTOR_NAME',
      '',
      { LEDGER_DEBTOR_ACCOUNT: '0502021234567890', LEDGER_DEBTOR_BANK_CODE: '102162000015' },
    ],
    ['LEDGER_WORKERS', 'two', {}],
    ['LEDGER_WORKERS', '0', {}],
    ['LEDGER_WORKERS', '17', {}],
    ['LEDGER_WORKER_INDEX', 'first', {}],
    ['LEDGER_EVENTSTORE_URL', 'http://esdb:2113', { LEDGER_REDIS_URL: scaleOut.LEDGER_REDIS_URL }],
    [
      'LEDGER_REDIS_URL',
      'tcp://redis:6379',
      { LEDGER_EVENTSTORE_URL: scaleOut.LEDGER_EVENTSTORE_URL },
    ],
  ])('given %s=%j, when loaded, then one line names the variable', (name, value, extra) => {
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    const env = {
      LEDGER_DATA_DIR: path.join(root, 'data'),
      ...extra,
      [name]: value === 'FILE' ? file : value,
    };
    const error = failureOf(() => loadLedgerConfig(env));
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('\n');
  });

  it('given good values, when loaded, then timezone, recovery interval, group commit and workers are read', () => {
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: path.join(root, 'data'),
      LEDGER_TIMEZONE: 'Europe/Paris',
      LEDGER_RECOVERY_INTERVAL_MS: '0',
      LEDGER_SQLITE_GROUP_COMMIT: 'OFF',
      LEDGER_BUDGET_CONTROL: 'off',
      LEDGER_WORKERS: '2',
    });
    expect(config).toMatchObject({
      timeZone: 'Europe/Paris',
      recoveryIntervalMs: 0,
      sqliteGroupCommit: false,
      budgetControl: false,
      workers: 2,
    });
    expect(loadLedgerConfig({ LEDGER_DATA_DIR: path.join(root, 'data') })).toMatchObject({
      timeZone: 'Asia/Shanghai',
      recoveryIntervalMs: 10_000,
      sqliteGroupCommit: true,
      budgetControl: true,
      workers: 1,
    });
  });

  it.each([
    ['LEDGER_PROJECTOR_LEASE_MS', 'long'],
    ['LEDGER_PROJECTOR_LEASE_MS', '10'],
    ['LEDGER_PROJECTOR_METRICS_PORT', '99999'],
    ['LOG_LEVEL', 'chatty'],
    ['LEDGER_EVENTSTORE_URL', 'http://esdb:2113'],
    ['LEDGER_REDIS_URL', ''],
  ])('given the projector with %s=%j, when loaded, then one line names it', (name, value) => {
    const error = failureOf(() => loadProjectorConfig({ ...scaleOut, [name]: value }));
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('\n');
  });

  it('given the projector with good values, when loaded, then the lease is read', () => {
    expect(loadProjectorConfig({ ...scaleOut, LEDGER_PROJECTOR_LEASE_MS: '2500' })).toEqual({
      eventStoreUrl: scaleOut.LEDGER_EVENTSTORE_URL,
      redisUrl: scaleOut.LEDGER_REDIS_URL,
      leaseMs: 2500,
      metricsPort: 9464,
      logLevel: 'info',
    });
  });

  it('given the sources, when scanned, then only the loader and entry points read process.env', () => {
    const repo = path.resolve(__dirname, '../../../../..');
    const readers: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['node_modules', 'test-support'].includes(entry.name)) walk(full);
        } else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
          const code = fs
            .readFileSync(full, 'utf8')
            .split('\n')
            .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
          if (code.some((line) => /process\.env\b/.test(line)))
            readers.push(path.relative(repo, full));
        }
      }
    };
    walk(path.join(repo, 'apps'));
    walk(path.join(repo, 'libs'));
    expect(readers.sort()).toEqual(
      [
        // The CLI hands the whole environment to the loader.
        'apps/cli/src/main.ts',
        'apps/api/src/platform/config/ledger-config.ts',
        // The loader validates LEDGER_SQLITE_GROUP_COMMIT; the store keeps its
        // own default for callers outside the API (benchmarks).
        'libs/event-store/src/sqlite/sqlite-group-commit.ts',
        // Test support only: FUZZ_RUNS widens the fuzz tier (never read by the ledger).
        'libs/domain/src/testing/fuzz.ts',
      ].sort(),
    );
  });
});
