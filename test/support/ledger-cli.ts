import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TEST_JWT_SECRET, TEST_PERSON_KEY_SECRET } from './ledger-process';

/** The built CLI; `npm test` builds it with the API before the e2e tier runs. */
export const CLI_MAIN = path.resolve(__dirname, '../../dist/apps/cli/src/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI process on `dataDir`, with the e2e secrets. */
export function cliEnv(dataDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_JWT_SECRET: TEST_JWT_SECRET,
    LEDGER_PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
    ...env,
  };
}

/** `node dist/apps/cli/src/main.js …args` on a data directory, with the e2e secrets. */
export function runLedgerCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): CliRun {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], {
    env: cliEnv(dataDir, env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `ledger verify` on the data directory a story left (every API process on it
 * stopped): the hash chains, the invariants of RULES.md over the whole
 * history and the read models must all hold.
 */
export function expectLedgerVerifies(dataDir: string): void {
  const run = runLedgerCli(dataDir, ['verify', '--quiet']);
  const report = JSON.parse(run.stdout || '{}') as { ok?: boolean; problems?: unknown[] };
  expect({ code: run.code, ok: report.ok, problems: report.problems }).toEqual({
    code: 0,
    ok: true,
    problems: [],
  });
}
