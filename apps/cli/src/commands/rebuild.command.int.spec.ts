import * as fs from 'node:fs';
import { dumpSqliteReadModels } from '@ledger/projections/rebuild';
import {
  addSeatHistory,
  captureIo,
  openLedgerFile,
  tempDir,
} from '../../../../libs/audit/test-support/ledger-dir';
import { runCli } from '../cli';

jest.setTimeout(60_000);

let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir('rebuild');
  await addSeatHistory(dataDir, 0, 2, { claimsPerApplication: 4 });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const dump = () => {
  const db = openLedgerFile(dataDir);
  try {
    return dumpSqliteReadModels(db);
  } finally {
    db.close();
  }
};

describe('ledger rebuild [projection]', () => {
  it('given live read models, when every one is rebuilt with stderr a pipe, then they are the same and progress comes as plain lines', async () => {
    const before = dump();
    const { out, io } = captureIo({ LEDGER_DATA_DIR: dataDir }, false);
    expect(await runCli(['rebuild'], io)).toBe(0);
    expect(dump()).toEqual(before);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({ rebuilt: true, events: expect.any(Number) });
    expect(result.projections).toContain('person-cap');
    expect(out.stderr).not.toContain('\r');
    expect(out.stderr).toMatch(
      /^rebuild: 100% \d[\d,]* events, position \d+\/\d+, [\d,]+ events\/s$/m,
    );
  });

  it('given one projection damaged, when only it is rebuilt on a terminal, then it is repaired, the others untouched, with a bar', async () => {
    const before = dump();
    const db = openLedgerFile(dataDir);
    db.prepare('UPDATE person_cap_entries SET amount_fen = amount_fen + 1').run();
    db.prepare(
      "UPDATE read_model_documents SET doc = '{}' WHERE collection = 'seat_application'",
    ).run();
    db.close();
    const { out, io } = captureIo({ LEDGER_DATA_DIR: dataDir }, true);
    expect(await runCli(['rebuild', 'person-cap'], io)).toBe(0);
    expect(JSON.parse(out.stdout).projections).toEqual(['person-cap']);
    expect(out.stderr).toMatch(/\rrebuild \[#+-*\] +\d+\.\d%/);
    const after = dump();
    expect(after.person_cap_entries).toEqual(before.person_cap_entries);
    // Not rebuilt: still damaged.
    expect(after.read_model_documents).not.toEqual(before.read_model_documents);
    expect(
      await runCli(
        ['rebuild', 'seat-application-view', '--quiet'],
        captureIo({ LEDGER_DATA_DIR: dataDir }).io,
      ),
    ).toBe(0);
    expect(dump()).toEqual(before);
  });

  it('given an unknown projection, when rebuilt, then exit 2 lists the known ones', async () => {
    const { out, io } = captureIo({ LEDGER_DATA_DIR: dataDir });
    expect(await runCli(['rebuild', 'balances'], io)).toBe(2);
    expect(out.stderr).toContain(
      'unknown projection balances; one of enterprise-balance, person-cap',
    );
  });
});
