import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  TEST_JWT_SECRET,
} from './support/ledger-process';

/**
 * The README's walk-through is documentation that runs: this test executes
 * its bash block as written against a fresh ledger and checks that the two
 * answers the README shows are the ones the ledger gives.
 */
jest.setTimeout(120_000);

const README = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

function walkthrough(): { script: string; expected: string[] } {
  const section = README.split('## Walk-through')[1];
  const script = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  const expected = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!script || !expected) throw new Error('README walk-through not found');
  return { script, expected: expected.trim().split('\n') };
}

describe('README walk-through', () => {
  let ledger: LedgerProcess;
  beforeAll(async () => {
    // As the README's reader runs it: budget control on, as by default (R-BUDGET).
    ledger = await startLedger(tempDataDir('readme'), { LEDGER_BUDGET_CONTROL: 'on' });
  });
  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given a fresh ledger, when the walk-through runs as written, then it ends with the balance and cap the README shows', () => {
    const { script, expected } = walkthrough();
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        BASE: ledger.baseUrl,
        LEDGER_JWT_SECRET: TEST_JWT_SECRET,
        LEDGER_DATA_DIR: ledger.dataDir,
      },
      encoding: 'utf8',
      timeout: 100_000,
    });
    const lines = out.trim().split('\n');
    expect(lines.slice(-2).map((l) => JSON.parse(l))).toEqual(expected.map((l) => JSON.parse(l)));
    expect(out).not.toContain('"statusCode"');
  });
});
