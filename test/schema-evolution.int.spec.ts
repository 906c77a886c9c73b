import * as fs from 'node:fs';
import * as path from 'node:path';
import { withUpcasting } from '@ledger/application';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { EventMetadata } from '@ledger/event-store/event-store.port';
import { dumpSqliteReadModels, rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { runCli } from '../apps/cli/src/cli';
import { addSeatHistory, captureIo, tempDir } from '../libs/audit/test-support/ledger-dir';
import { V1_HISTORY_ENTERPRISES, V1_HISTORY_OPTIONS } from './fixtures/make-v1-history';

/**
 * Schema evolution (ADR 0007): `test/fixtures/v1-history.jsonl` holds events
 * as an older ledger stored them (TrancheApproved without `amountFen`,
 * TrancheDisbursed without `paidBy`, both at schemaVersion 1, hash-chained
 * over that shape). Replayed through the upcasters it gives the same balances
 * and cap usage as the same history written today, and it still verifies.
 */
jest.setTimeout(60_000);

const FIXTURE = path.join(__dirname, 'fixtures/v1-history.jsonl');

interface FixtureLine {
  position: number;
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

const lines = (): FixtureLine[] =>
  fs
    .readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as FixtureLine);

/** The fixture, stored as it was: same streams, revisions, positions and metadata. */
async function loadFixture(dataDir: string): Promise<void> {
  const store = SqliteEventStore.open({ dataDir, groupCommit: false });
  try {
    for (const e of lines()) {
      const written = await store.append(
        e.stream,
        [{ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }],
        e.revision === 0 ? 'no_stream' : e.revision - 1,
      );
      expect(written.position).toBe(e.position);
    }
  } finally {
    await store.close();
  }
}

/**
 * The rows, in order, without when they were recorded or at which position:
 * today's history also writes steps the old ledger did not (issue #12: a
 * payment settles its bank reference, BankReferenceConfirmed; R-SEAT-8:
 * `SeatsReleased`; R-FRAUD: the clearances of its approvals and payments,
 * ADR 0014), which moves positions but no amount.
 */
const journals = (dump: ReturnType<typeof dumpSqliteReadModels>) => ({
  balance: dump.balance_entries.map(({ recorded_at: _r, position: _p, ...row }) => row),
  cap: dump.person_cap_entries.map(({ recorded_at: _r, position: _p, ...row }) => row),
});

describe('schema evolution: a fixture of version-1 events', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('given the fixture, when read, then it really is the old shape', () => {
    const approved = lines().filter((e) => e.type === 'TrancheApproved');
    const paid = lines().filter((e) => e.type === 'TrancheDisbursed');
    expect(approved.length).toBeGreaterThan(0);
    expect(paid.length).toBeGreaterThan(0);
    for (const e of [...approved, ...paid]) {
      expect(e.metadata.schemaVersion).toBe(1);
      expect(e.data).not.toHaveProperty(e.type === 'TrancheApproved' ? 'amountFen' : 'paidBy');
    }
  });

  it('given the fixture replayed through the upcasters, when compared with the same history written today, then balances and cap usage are the same', async () => {
    const old = tempDir('v1-old');
    const today = tempDir('v1-today');
    dirs.push(old, today);
    await loadFixture(old);
    await addSeatHistory(today, 0, V1_HISTORY_ENTERPRISES, V1_HISTORY_OPTIONS);

    const store = SqliteEventStore.open({ dataDir: old });
    try {
      // Without the upcasters the old TrancheApproved has no amount to put in the balance.
      await expect(
        rebuildSqliteReadModels(store.database, (afterPosition, maxCount) =>
          store.readAll({ afterPosition, maxCount }),
        ),
      ).rejects.toThrow(/amount_fen/);
      const upcast = withUpcasting(store);
      await rebuildSqliteReadModels(store.database, (afterPosition, maxCount) =>
        upcast.readAll({ afterPosition, maxCount }),
      );
      const replayed = journals(dumpSqliteReadModels(store.database));
      const current = SqliteEventStore.open({ dataDir: today });
      try {
        expect(replayed).toEqual(journals(dumpSqliteReadModels(current.database)));
        const readModels = new SqliteReadModels(store.database);
        const enterpriseId = lines().find((e) => e.type === 'EnterpriseRegistered')!.data
          .enterpriseId as string;
        const balance = await readModels.enterpriseBalance(enterpriseId, '2023-12-31');
        // Tranche 1: 3 claims less one withdrawn; tranche 2: the 2 left. All paid.
        expect(balance.programmes.seat).toEqual({
          approvedFen: 1_000_000,
          disbursedFen: 1_000_000,
          clawbackDueFen: 0,
          recoveredFen: 0,
        });
        expect(replayed.balance.length).toBeGreaterThan(4);
      } finally {
        await current.close();
      }
    } finally {
      await store.close();
    }

    // And the old history still verifies: hashes over what is stored, rules over the upcast shape.
    const { out, io } = captureIo({ LEDGER_DATA_DIR: old });
    expect(await runCli(['verify', '--quiet'], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      ok: true,
      hashChain: { ok: true, hashedEvents: lines().length },
      readModels: { ok: true, compared: true },
    });
  });
});
