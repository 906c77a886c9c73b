import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSigningKeyPair } from '@ledger/audit';
import { computeEventHash } from '@ledger/event-store/integrity/event-seal';
import {
  addSeatHistory,
  captureIo,
  copyLedgerDir,
  deleteEventsBehindTheStore,
  openLedgerFile,
  tempDir,
} from '../../../../libs/audit/test-support/ledger-dir';
import { runCli } from '../cli';

/**
 * `ledger verify` on a real SQLite file written through the ledger's own
 * application layer, then tampered with directly (better-sqlite3), the way
 * someone with access to the file, not to the ledger, would.
 */
jest.setTimeout(60_000);

let template: string;
const dirs: string[] = [];

beforeAll(async () => {
  template = tempDir('verify-template');
  await addSeatHistory(template, 0, 3, { claimsPerApplication: 5 });
});
afterAll(() => {
  for (const d of [template, ...dirs]) fs.rmSync(d, { recursive: true, force: true });
});

function copy(label: string): string {
  const dir = copyLedgerDir(template, label);
  dirs.push(dir);
  return dir;
}

async function verify(dataDir: string, ...args: string[]) {
  const { out, io } = captureIo({ LEDGER_DATA_DIR: dataDir });
  const code = await runCli(['verify', '--quiet', ...args], io);
  return { code, report: JSON.parse(out.stdout), stderr: out.stderr };
}

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

function rows(dataDir: string, type: string): Row[] {
  const db = openLedgerFile(dataDir);
  try {
    return db.prepare('SELECT * FROM events WHERE type = ? ORDER BY position').all(type) as Row[];
  } finally {
    db.close();
  }
}

function tamper(dataDir: string, sql: string, ...params: unknown[]): void {
  const db = openLedgerFile(dataDir);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('ledger verify on the embedded store', () => {
  it('given a history written by the ledger, when verified, then every check passes and the report says what was checked', async () => {
    const { code, report } = await verify(copy('verify-ok'));
    expect(code).toBe(0);
    expect(report).toMatchObject({
      ok: true,
      backend: 'sqlite',
      firstBadPosition: null,
      problemCount: 0,
      hashChain: { ok: true, unhashedEvents: 0 },
      invariants: { ok: true, checked: true, violations: 0 },
      readModels: { ok: true, compared: true, differences: 0 },
      store: { ok: true },
    });
    expect(report.events).toBeGreaterThan(100);
    expect(report.hashChain.hashedEvents).toBe(report.events);
    expect(report.invariants.rules).toEqual(
      expect.arrayContaining(['R-SEAT-5', 'R-SEAT-6', 'R-PUB', 'R-PAY', 'R-SEAT-4', 'R-FRAUD']),
    );
    expect(report.logRoot).toMatchObject({ toPosition: report.events, eventCount: report.events });
  });

  it('given a changed amount in a payment, when verified, then exit 1 names its position', async () => {
    const dir = copy('verify-amount');
    const paid = rows(dir, 'TrancheDisbursed')[1];
    tamper(
      dir,
      "UPDATE events SET data = json_set(data, '$.amountFen', json_extract(data, '$.amountFen') + 100) WHERE position = ?",
      paid.position,
    );
    const { code, report, stderr } = await verify(dir);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.firstBadPosition).toBe(paid.position);
    expect(report.problems[0]).toMatchObject({ position: paid.position, check: 'hash' });
    // The live balance still has the amount that was paid: the replay differs at the same position.
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ position: paid.position, check: 'read-model' }),
      ]),
    );
    expect(stderr).toContain(`the first bad position is ${paid.position}`);
  });

  it('given an event removed from the middle, when verified, then exit 1 names the missing position', async () => {
    const dir = copy('verify-removed');
    const reserved = rows(dir, 'CapReserved')[2];
    const db = openLedgerFile(dir);
    try {
      deleteEventsBehindTheStore(db, 'position = ?', reserved.position);
    } finally {
      db.close();
    }
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.firstBadPosition).toBe(reserved.position);
    expect(report.problems[0]).toMatchObject({
      position: reserved.position,
      check: 'order',
      message: expect.stringContaining('missing'),
    });
  });

  it.each([
    ['dropped', 'DROP TRIGGER events_no_delete', 'is missing'],
    [
      'replaced by one that lets deletes through',
      'DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END',
      "is not the store's own",
    ],
  ])(
    'given the no-delete trigger %s, when verified, then exit 1 with a store problem at the head',
    async (_label, sql, says) => {
      const dir = copy(`verify-guard-${sql.length}`);
      const db = openLedgerFile(dir);
      const head = db.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
      db.exec(sql);
      db.close();
      const { code, report } = await verify(dir);
      expect(code).toBe(1);
      expect(report.store).toEqual({ ok: false, problems: 1 });
      expect(report.problems).toEqual([
        expect.objectContaining({
          position: head,
          check: 'store',
          message: expect.stringContaining(says),
        }),
      ]);
    },
  );

  it("given two events' data swapped, when verified, then exit 1 names the first of them", async () => {
    const dir = copy('verify-swapped');
    const [a, b] = rows(dir, 'CapReserved');
    const db = openLedgerFile(dir);
    db.transaction(() => {
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(b.data, a.position);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(a.data, b.position);
    })();
    db.close();
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.firstBadPosition).toBe(a.position);
    expect(report.problems.filter((p: { check: string }) => p.check === 'hash')).toEqual([
      expect.objectContaining({ position: a.position }),
      expect.objectContaining({ position: b.position }),
    ]);
  });

  it("given an event appended behind the ledger's back (a raw INSERT), when verified, then exit 1 names its position", async () => {
    const dir = copy('verify-inserted');
    const last = rows(dir, 'TrancheDisbursed').at(-1)!;
    const data = { ...JSON.parse(last.data), disbursementId: 'forged', bankRef: 'FORGED-1' };
    const metadata = { ...JSON.parse(last.metadata) };
    delete metadata.hash;
    const db = openLedgerFile(dir);
    const revision = (
      db.prepare('SELECT MAX(revision) AS r FROM events WHERE stream = ?').get(last.stream) as {
        r: number;
      }
    ).r;
    const inserted = db
      .prepare(
        'INSERT INTO events (event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        'forged-1',
        last.stream,
        revision + 1,
        'TrancheDisbursed',
        JSON.stringify(data),
        JSON.stringify(metadata),
      );
    db.close();
    const position = Number(inserted.lastInsertRowid);
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.firstBadPosition).toBe(position);
    const checks = report.problems.map((p: { check: string; position: number }) => [
      p.position,
      p.check,
    ]);
    expect(checks).toEqual(
      expect.arrayContaining([
        [position, 'unhashed'],
        [position, 'read-model'], // the live read models never saw it
        [position, 'invariant'], // the tranche is paid twice (R-PAY)
      ]),
    );
  });

  it('given a forger who also recomputes the hash of what they changed, when verified, then the read models still give it away', async () => {
    const dir = copy('verify-rehashed');
    const approved = rows(dir, 'TrancheApproved')[0];
    const data = JSON.parse(approved.data);
    data.amountFen += 250_000;
    data.included[0].amountFen += 250_000;
    const metadata = JSON.parse(approved.metadata);
    metadata.hash = computeEventHash({ ...approved, data, metadata });
    // The next event of the stream links to the stored hash: re-link it too.
    const db = openLedgerFile(dir);
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      approved.position,
    );
    db.close();
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.problems.map((p: { check: string }) => p.check)).not.toContain('hash');
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ position: approved.position, check: 'read-model' }),
      ]),
    );
  });
});

describe('ledger verify recomputes the programme-year read model (issue #14)', () => {
  it('given a programme-year figure changed behind the ledger, when verified, then exit 1 names the document', async () => {
    const dir = copy('verify-programme-year');
    const db = openLedgerFile(dir);
    let id: string;
    try {
      ({ id } = db
        .prepare(
          "SELECT id FROM read_model_documents WHERE collection = 'programme_year' AND id LIKE '2023|enterprise|%|seat' ORDER BY id LIMIT 1",
        )
        .get() as { id: string });
      db.prepare(
        "UPDATE read_model_documents SET doc = json_set(doc, '$.approvedFen', json_extract(doc, '$.approvedFen') + 100) WHERE collection = 'programme_year' AND id = ?",
      ).run(id);
    } finally {
      db.close();
    }
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.readModels).toMatchObject({ ok: false, compared: true, differences: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({
        check: 'read-model',
        message: `programme_year ${id}: the live document differs from the replay of the events`,
      }),
    ]);
  });
});

describe('ledger verify on live read models changed behind the ledger (issue #16: the comparison streams them)', () => {
  interface JournalRow {
    position: number;
    seq: number;
    amount_fen: number;
  }
  const balanceRows = (dir: string) => {
    const db = openLedgerFile(dir);
    try {
      return db
        .prepare('SELECT position, seq, amount_fen FROM balance_entries ORDER BY position, seq')
        .all() as JournalRow[];
    } finally {
      db.close();
    }
  };
  const readModelProblems = (report: {
    problems: { check: string; position: number; message: string }[];
  }) => report.problems.filter((p) => p.check === 'read-model');

  it('given a live balance row with another amount, when verified, then exit 1 names its position and the column, and nothing else', async () => {
    const dir = copy('verify-journal-changed');
    const row = balanceRows(dir)[2];
    tamper(
      dir,
      'UPDATE balance_entries SET amount_fen = amount_fen + 1 WHERE position = ? AND seq = ?',
      row.position,
      row.seq,
    );
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.problemCount).toBe(1);
    expect(readModelProblems(report)).toEqual([
      expect.objectContaining({
        position: row.position,
        message: `balance_entries: the row of position ${row.position} has amount_fen = ${row.amount_fen + 1} live, ${row.amount_fen} by the replay`,
      }),
    ]);
  });

  it('given a live balance row deleted, when verified, then exit 1 says the row of its position is missing', async () => {
    const dir = copy('verify-journal-deleted');
    const row = balanceRows(dir)[1];
    tamper(
      dir,
      'DELETE FROM balance_entries WHERE position = ? AND seq = ?',
      row.position,
      row.seq,
    );
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(readModelProblems(report)).toEqual([
      expect.objectContaining({
        position: row.position,
        message: `balance_entries: a row of position ${row.position} is missing from the live read model`,
      }),
    ]);
  });

  it('given a live balance row no event makes, inside the log and beyond its head, when verified, then exit 1 names each', async () => {
    const dir = copy('verify-journal-extra');
    const row = balanceRows(dir)[0];
    const db = openLedgerFile(dir);
    const head = (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number })
      .head;
    const copyRow = db.prepare(
      'INSERT INTO balance_entries SELECT enterprise_id, programme, kind, amount_fen, business_date, recorded_at, ?, tranche_id, source_event_type, ? FROM balance_entries WHERE position = ? AND seq = ?',
    );
    copyRow.run(row.position, 7, row.position, row.seq);
    copyRow.run(head + 5, 0, row.position, row.seq);
    db.close();
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(readModelProblems(report)).toEqual([
      expect.objectContaining({
        position: row.position,
        message: `balance_entries: a row of position ${row.position} is in the live read model, but no event makes it`,
      }),
      expect.objectContaining({
        position: head + 5,
        message: `balance_entries: a row of position ${head + 5} is in the live read model, but no event makes it`,
      }),
    ]);
  });

  it('given a live document changed, when verified, then exit 1 names the event that last wrote it', async () => {
    const dir = copy('verify-document-changed');
    const db = openLedgerFile(dir);
    const doc = db
      .prepare(
        "SELECT collection, id, position FROM read_model_documents WHERE collection NOT LIKE '%~%' ORDER BY position DESC LIMIT 1",
      )
      .get() as { collection: string; id: string; position: number };
    db.prepare(
      `UPDATE read_model_documents SET doc = json_set(doc, '$.tampered', 1) WHERE collection = ? AND id = ?`,
    ).run(doc.collection, doc.id);
    db.close();
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(readModelProblems(report)).toEqual([
      expect.objectContaining({
        position: doc.position,
        message: `${doc.collection} ${doc.id}: the live document differs from the replay of the events`,
      }),
    ]);
  });

  it('given a live document stored as other bytes of the same JSON, when verified, then it is not a difference', async () => {
    const dir = copy('verify-document-same-json');
    const db = openLedgerFile(dir);
    // Texts compared first; unequal texts of equal JSON are the same document.
    const changed = db
      .prepare(
        "UPDATE read_model_documents SET doc = ' ' || doc || char(10) WHERE collection NOT LIKE '%~%'",
      )
      .run().changes;
    db.close();
    expect(changed).toBeGreaterThan(0);
    const { code, report } = await verify(dir);
    expect(readModelProblems(report)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('ledger checkpoint and verify --checkpoint', () => {
  const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();

  it('given a checkpoint taken yesterday, when more is written today, then the log still extends it; after tampering it does not', async () => {
    const dir = copy('verify-checkpoint');
    const file = path.join(dir, 'checkpoint.json');
    const signed = captureIo({ LEDGER_DATA_DIR: dir, LEDGER_AUDIT_SIGNING_KEY: privateKeyPem });
    expect(await runCli(['checkpoint', '--quiet', '--out', file], signed.io)).toBe(0);
    const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(checkpoint).toMatchObject({ fromPosition: 0, eventCount: checkpoint.toPosition });

    // Today: more commands through the ledger.
    await addSeatHistory(dir, 3, 2, {
      claimsPerApplication: 4,
      recordedAt: '2023-09-21T02:00:00.000Z',
    });
    const pubFile = path.join(dir, 'auditor.pub');
    fs.writeFileSync(pubFile, publicKeyPem);
    const today = await verify(dir, '--checkpoint', file, '--public-key', pubFile);
    expect(today.code).toBe(0);
    expect(today.report.events).toBeGreaterThan(checkpoint.eventCount);
    expect(today.report.checkpoint).toMatchObject({
      ok: true,
      signatureOk: true,
      recomputedRootHash: checkpoint.rootHash,
    });

    // A pinned key that did not sign it: refused.
    const otherKey = generateSigningKeyPair().publicKeyPem;
    const wrongKey = await verify(dir, '--checkpoint', file, `--public-key=${otherKey}`);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.report.checkpoint.signatureOk).toBe(false);

    // Tampering before the checkpoint, even with the hash recomputed, breaks it.
    const db = openLedgerFile(dir);
    const target = db
      .prepare("SELECT * FROM events WHERE type = 'EnterpriseRegistered' ORDER BY position LIMIT 1")
      .get() as {
      position: number;
      stream: string;
      revision: number;
      type: string;
      data: string;
      metadata: string;
    };
    const data = { ...JSON.parse(target.data), name: 'renamed' };
    const metadata = JSON.parse(target.metadata);
    metadata.hash = computeEventHash({ ...target, data, metadata });
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      target.position,
    );
    db.close();
    const after = await verify(dir, '--checkpoint', file);
    expect(after.code).toBe(1);
    expect(after.report.checkpoint).toMatchObject({ ok: false, signatureOk: true });
    expect(after.report.checkpoint.message).toContain('were changed');
    expect(after.report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'checkpoint' })]),
    );
  });

  it('given no signing key, when a checkpoint is asked for, then exit 1 says which variable', async () => {
    const dir = copy('verify-nokey');
    const { out, io } = captureIo({ LEDGER_DATA_DIR: dir });
    expect(await runCli(['checkpoint', '--out', path.join(dir, 'never.json')], io)).toBe(1);
    expect(out.stderr).toContain('LEDGER_AUDIT_SIGNING_KEY is not set');
  });

  it('given a data directory without a ledger, when verified, then exit 1 says so and creates nothing', async () => {
    const empty = tempDir('verify-empty');
    dirs.push(empty);
    const { out, io } = captureIo({ LEDGER_DATA_DIR: empty });
    expect(await runCli(['verify'], io)).toBe(1);
    expect(out.stderr).toContain('no ledger at');
    expect(fs.existsSync(path.join(empty, 'ledger.sqlite'))).toBe(false);
  });
});
