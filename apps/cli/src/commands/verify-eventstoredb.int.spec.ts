import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSigningKeyPair } from '@ledger/audit';
import { DEFAULT_POLICY_TABLE } from '@ledger/domain';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { EventStoreDbGrpcDouble } from '../../../../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { captureIo, tempDir } from '../../../../libs/audit/test-support/ledger-dir';
import { writeEnterpriseHistory } from '../../../../libs/audit/test-support/seat-history';
import { runCli } from '../cli';

/**
 * `ledger verify` and `ledger checkpoint` on the scale-out backend, through the
 * EventStoreDB adapter, against the project's gRPC double of EventStoreDB (no
 * server can run here): positions are large with gaps, so only the port's
 * `readAll` paging is used. There are no read models to compare on this
 * backend (they live in Redis, written by the projector).
 */
jest.setTimeout(60_000);

describe('ledger verify on EventStoreDB (gRPC double)', () => {
  const double = new EventStoreDbGrpcDouble({ appendPath: 'batch-append' });
  const dir = tempDir('verify-esdb');
  beforeAll(() => double.start());
  afterAll(async () => {
    await double.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    LEDGER_DATA_DIR: dir,
    LEDGER_EVENTSTORE_URL: double.connectionString,
    LEDGER_REDIS_URL: 'redis://127.0.0.1:1',
    LEDGER_JWT_SECRET: 'j'.repeat(40),
    LEDGER_PERSON_KEY_SECRET: 'p'.repeat(40),
  });

  async function write(from: number, count: number): Promise<void> {
    const store = EventStoreDbEventStore.connect(double.connectionString);
    try {
      for (let i = from; i < from + count; i++) {
        await writeEnterpriseHistory({ store, policies: DEFAULT_POLICY_TABLE }, i, {
          enterprises: count,
          claimsPerApplication: 4,
          seed: 3,
        });
      }
    } finally {
      await store.close();
    }
  }

  it('given a history written through the adapter, when verified and checkpointed, then it holds, and still holds after more is written', async () => {
    await write(0, 2);
    const first = captureIo(env());
    expect(await runCli(['verify', '--quiet', '--skip-read-models'], first.io)).toBe(0);
    const report = JSON.parse(first.out.stdout);
    expect(report).toMatchObject({
      ok: true,
      backend: 'eventstoredb',
      hashChain: { ok: true, unhashedEvents: 0 },
      invariants: { ok: true },
      readModels: { compared: false },
    });
    expect(report.events).toBe(double.events.length);
    // Positions are byte offsets with gaps: the root counts events, not positions.
    expect(report.logRoot.toPosition).toBeGreaterThan(report.logRoot.eventCount);

    const { privateKeyPem } = generateSigningKeyPair();
    const file = path.join(dir, 'checkpoint.json');
    const signed = captureIo({ ...env(), LEDGER_AUDIT_SIGNING_KEY: privateKeyPem });
    expect(await runCli(['checkpoint', '--quiet', '--out', file], signed.io)).toBe(0);

    await write(2, 1);
    const later = captureIo(env());
    expect(
      await runCli(['verify', '--quiet', '--skip-read-models', '--checkpoint', file], later.io),
    ).toBe(0);
    const laterReport = JSON.parse(later.out.stdout);
    expect(laterReport.events).toBeGreaterThan(report.events);
    expect(laterReport.checkpoint).toMatchObject({ ok: true, eventCount: report.events });
  });
});
