import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Issue #13: `POST /v1/audit/verifications` runs `verify` in a worker thread
 * of the built API; progress and result are read back, one run at a time,
 * and the result outlives a restart.
 */
jest.setTimeout(180_000);

afterAll(() => removeTempDataDirs());

describe('verification runs from the API', () => {
  const dataDir = tempDataDir('verifications');
  let ledger: LedgerProcess | undefined;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const auditor = tokenFor('al', 'auditor');
  const supervisor = tokenFor('sue', 'supervisor');

  async function finished(id: string) {
    for (let i = 0; i < 600; i++) {
      const r = await http.as(auditor).get(`/v1/audit/verifications/${id}`);
      expect(r.status).toBe(200);
      if (r.body.status !== 'running') return r.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`verification ${id} still running`);
  }

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
    for (let i = 0; i < 40; i++) {
      const r = await http.as(reviewer).post('/v1/enterprises', {
        creditCode: makeCreditCode(17000 + i),
        name: `大同核验${i}有限公司`,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it('given no run yet, when the latest is asked, then it is 404; other roles are 403', async () => {
    expect((await http.as(auditor).get('/v1/audit/verifications/latest')).status).toBe(404);
    expect((await http.as(reviewer).post('/v1/audit/verifications', {})).status).toBe(403);
    expect((await http.as(auditor).get('/v1/audit/verifications/not-a-uuid')).status).toBe(400);
    expect(
      (await http.as(auditor).get('/v1/audit/verifications/3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21'))
        .status,
    ).toBe(404);
  });

  it('given a clean ledger, when two runs are started at once, then one is 202, the other 409, and the run passes with every event checked', async () => {
    const [a, b] = await Promise.all([
      http.as(auditor).post('/v1/audit/verifications', {}),
      http.as(supervisor).post('/v1/audit/verifications', {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const started = a.status === 202 ? a : b;
    expect(started.body).toEqual({ verificationId: expect.any(String) });
    const run = await finished(started.body.verificationId);
    expect(run).toMatchObject({
      verificationId: started.body.verificationId,
      status: 'passed',
      progress: { eventsChecked: 40, eventsTotal: 40 },
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      report: expect.objectContaining({
        ok: true,
        events: 40,
        hashChain: expect.objectContaining({ ok: true }),
        readModels: expect.objectContaining({ ok: true, compared: true }),
      }),
    });
    const latest = await http.as(supervisor).get('/v1/audit/verifications/latest');
    expect(latest.body).toEqual(run);
    // The next run may start once this one is over.
    const again = await http.as(auditor).post('/v1/audit/verifications', {});
    expect(again.status).toBe(202);
    expect((await finished(again.body.verificationId)).status).toBe('passed');
  });

  it('given a tampered event, when a run is started after a restart, then it fails naming the position, and results survive the restart', async () => {
    const before = (await http.as(auditor).get('/v1/audit/verifications/latest')).body;
    await ledger!.stop();
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    db.prepare("UPDATE events SET data = json_set(data, '$.seats', 999) WHERE position = 3").run();
    db.close();
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
    expect((await http.as(auditor).get('/v1/audit/verifications/latest')).body).toEqual(before);
    expect(fs.existsSync(path.join(dataDir, 'verifications.json'))).toBe(true);
    const started = await http.as(auditor).post('/v1/audit/verifications', {});
    expect(started.status).toBe(202);
    const run = await finished(started.body.verificationId);
    expect(run.status).toBe('failed');
    expect(run.report).toMatchObject({ ok: false, firstBadPosition: 3 });
  });
});
