import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_MAIN, removeTempDataDirs, tempDataDir } from './support/ledger-process';

/**
 * Issue #15 points 6 and 7: the built API refuses a bad start with one line
 * naming the cause, and a non-zero exit, never a stack trace.
 */
const isRoot = process.getuid?.() === 0;

function startApi(env: Record<string, string>, asNobody = false) {
  const node = [process.execPath, API_MAIN];
  // As root, a directory's mode does not stop writes: drop to nobody to see what an image user sees.
  const argv = asNobody
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
    : node;
  const r = spawnSync(argv[0], argv.slice(1), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('start-up refusals of the built API', () => {
  beforeAll(() => {
    if (!fs.existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build`);
  });
  afterAll(() => removeTempDataDirs());

  it.each([
    ['LEDGER_TIMEZONE', 'Mars/Olympus_Mons'],
    ['LEDGER_RECOVERY_INTERVAL_MS', 'ten seconds'],
    ['LEDGER_SQLITE_GROUP_COMMIT', 'maybe'],
    ['PORT', 'eighty'],
    ['LOG_LEVEL', 'chatty'],
  ])(
    'given %s=%j, when the API starts, then it prints one line naming it and exits non-zero',
    (name, value) => {
      const r = startApi({ LEDGER_DATA_DIR: tempDataDir('bad-config'), [name]: value });
      expect(r.code).not.toBe(0);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^Configuration error: .*${name}`));
      expect(r.stdout).not.toContain('listening');
    },
  );

  it('given a data directory the user cannot write, when the API starts, then one line names the directory', () => {
    const root = tempDataDir('unwritable');
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    if (isRoot) {
      fs.chmodSync(root, 0o700);
    } else {
      fs.chmodSync(dataDir, 0o500);
    }
    try {
      for (const dir of isRoot ? [dataDir, root] : [dataDir]) {
        const r = startApi({ LEDGER_DATA_DIR: dir }, isRoot);
        expect(r.code).not.toBe(0);
        expect(r.stderr.split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(dir);
        expect(r.stderr).toMatch(/^Configuration error: LEDGER_DATA_DIR/);
      }
    } finally {
      fs.chmodSync(dataDir, 0o700);
    }
  });
});
