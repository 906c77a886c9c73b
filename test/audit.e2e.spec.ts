import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { CLI_MAIN, runLedgerCli } from './support/ledger-cli';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #6 end to end: the built API records a seat-subsidy story over real
 * HTTP; auditors page through `GET /v1/audit/events`; balances and caps
 * `asKnownAt` a recorded time show what the ledger knew before a backdated
 * correction; then the built CLI (`node dist/apps/cli/src/main.js`) verifies
 * the data directory the API left, signs a checkpoint, verifies again after
 * more commands, and names the position of a tampered event.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(6001);
const C = makeCreditCode(6003);
const P1 = makeResidentId('140202', '19900101', 61);
const P2 = makeResidentId('140202', '19910202', 62);
const P3 = makeResidentId('140202', '19920303', 63);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const MONTHS = ['2023-01', '2023-02'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A recorded time strictly between two commands. */
async function instantBetween(): Promise<string> {
  await sleep(20);
  const t = new Date().toISOString();
  await sleep(20);
  return t;
}

const cli = runLedgerCli;

describe('audit end to end: audit events, asKnownAt, verify and checkpoints on the built CLI', () => {
  const dataDir = tempDataDir('audit');
  let ledger: LedgerProcess | undefined;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const auditor = tokenFor('al', 'auditor');
  const supervisor = tokenFor('sue', 'supervisor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const state: Record<string, any> = {};

  beforeAll(async () => {
    if (!fs.existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run \`npm run build\``);
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a story, when an objection is upheld after the notice, then the cap asKnownAt before it shows the old usage and after it the new', async () => {
    expect(
      (
        await http.as(reviewer).post('/v1/enterprises', {
          creditCode: A,
          name: '大同审计呼叫有限公司',
          industry: 'call',
          seats: 300,
          registeredOn: '2023-01-05',
        })
      ).status,
    ).toBe(201);
    const sub = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [P1, P2, P3].map((personId, i) => ({
        personId,
        name: ['张三', '李四', '王五'][i],
        wageMonths: MONTHS,
        insuranceMonths: MONTHS,
      })),
    });
    expect(sub.status).toBe(201);
    state.app = sub.body.applicationId;
    const [c1, c2, c3] = sub.body.claims.map((c: any) => c.claimId);
    state.claims = { c1, c2, c3 };
    await http.as(reviewer).post(`/v1/seat-applications/${state.app}/review`, {
      decidedOn: '2023-03-05',
      decisions: [c1, c2, c3].map((claimId) => ({ claimId, approve: true })),
    });
    const t1 = await http
      .as(finance)
      .post(`/v1/seat-applications/${state.app}/tranches`, { tranche: 1, decidedOn: '2023-03-10' });
    expect(t1.status).toBe(201);
    expect(t1.body.amountFen).toBe(750_000);
    state.tranche = t1.body.trancheId;
    const pub = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.tranche],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    state.pub = pub.body.publicityId;
    const objection = await http.as(reviewer).post(`/v1/publicity/${state.pub}/objections`, {
      raisedOn: '2023-03-12',
      claimId: c2,
      text: `${P2} left in January`,
    });
    expect(objection.status).toBe(201);

    const beforeUpheld = await instantBetween();
    const resolved = await http
      .as(reviewer)
      .post(`/v1/publicity/${state.pub}/objections/${objection.body.objectionId}/resolution`, {
        resolvedOn: '2023-03-14',
        upheld: true,
        reason: 'confirmed',
      });
    expect(resolved.status).toBe(200);
    const afterUpheld = await instantBetween();

    const capAt = async (query: string) =>
      http.as(auditor).get(`/v1/persons/${P2}/cap?${query}&minPosition=${resolved.body.position}`);
    const then = await capAt(`asKnownAt=${encodeURIComponent(beforeUpheld)}`);
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({
      personIdMasked: masked(P2),
      usedFen: 250_000,
      remainingFen: 750_000,
      asKnownAt: beforeUpheld,
      byEnterprise: [{ enterpriseId: A, usedFen: 250_000 }],
    });
    expect((await capAt(`asKnownAt=${encodeURIComponent(afterUpheld)}`)).body.usedFen).toBe(0);
    expect((await capAt('asOf=2023-03-13')).body).toMatchObject({
      usedFen: 250_000,
      asOf: '2023-03-13',
    });
    expect((await capAt('asOf=2023-03-14')).body.usedFen).toBe(0);
    const plain = await http.as(auditor).get(`/v1/persons/${P2}/cap`);
    expect(Object.keys(plain.body).sort()).toEqual([
      'byEnterprise',
      'capFen',
      'personIdMasked',
      'remainingFen',
      'usedFen',
    ]);
    const bad = await http.as(auditor).get(`/v1/persons/${P2}/cap?asKnownAt=2023-02-30T00:00:00Z`);
    expect(bad.status).toBe(400);
  });

  it('given a payment recorded today with a past business date, when the balance is read asKnownAt before and after it, then it shows the old and the new figure', async () => {
    const beforePayment = await instantBetween();
    const paid = await http.as(finance).post(`/v1/tranches/${state.tranche}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 500_000,
      bankRef: 'AUDIT-0001',
    });
    expect(paid.status).toBe(201);
    state.paidPosition = paid.body.position;
    const afterPayment = await instantBetween();
    const balance = async (asKnownAt: string) =>
      (
        await http
          .as(finance)
          .get(
            `/v1/enterprises/${A}/balance?asOf=2023-03-31&asKnownAt=${encodeURIComponent(asKnownAt)}&minPosition=${paid.body.position}`,
          )
      ).body.programmes.seat;
    expect(await balance(beforePayment)).toMatchObject({ approvedFen: 500_000, disbursedFen: 0 });
    expect(await balance(afterPayment)).toMatchObject({
      approvedFen: 500_000,
      disbursedFen: 500_000,
    });
  });

  it('given the log, when auditors page through GET /v1/audit/events, then events come in order with hashes and masked ID numbers', async () => {
    const first = await http.as(auditor).get('/v1/audit/events?limit=5');
    expect(first.status).toBe(200);
    // The log form stays a plain array (external systems read it so); filters answer pages.
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body.map((e: any) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(first.body[0]).toEqual({
      position: 1,
      stream: `enterprise-${A}`,
      revision: 0,
      type: 'EnterpriseRegistered',
      schemaVersion: 1,
      data: expect.objectContaining({ enterpriseId: A }),
      actor: 'rita',
      role: 'reviewer',
      businessDate: '2023-01-05',
      recordedAt: expect.any(String),
      policyVersion: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: '0'.repeat(64),
    });
    const next = await http.as(supervisor).get('/v1/audit/events?after=5&limit=1000');
    expect(next.status).toBe(200);
    expect(next.body[0].position).toBe(6);
    const all = [...first.body, ...next.body];
    expect(all.at(-1).position).toBeGreaterThanOrEqual(state.paidPosition);
    const text = JSON.stringify(all);
    for (const id of [P1, P2, P3]) expect(text).not.toContain(id);
    expect(text).toContain(masked(P1));
    const submitted = all.find((e: any) => e.type === 'SeatApplicationSubmitted');
    expect(submitted.data.claims[0].personId).toBe(masked(P1));
    const objection = all.find((e: any) => e.type === 'ObjectionRaised');
    expect(objection.data.text).toBe(`${masked(P2)} left in January`);
    const byDefault = await http.as(auditor).get('/v1/audit/events');
    expect(Array.isArray(byDefault.body)).toBe(true);
    expect(byDefault.body.length).toBe(Math.min(100, all.length));

    expect((await http.as(finance).get('/v1/audit/events')).status).toBe(403);
    expect((await http.get('/v1/audit/events')).status).toBe(401);
    for (const query of [
      'limit=0',
      'limit=1001',
      'limit=1.5',
      'after=-1',
      'after=abc',
      'after=1e3',
      'colour=red',
    ]) {
      const r = await http.as(auditor).get(`/v1/audit/events?${query}`);
      expect([query, r.status]).toEqual([query, 400]);
    }
  });

  it('given the data directory the API left, when the built CLI verifies it, then every check passes; a checkpoint taken now still verifies after more commands', async () => {
    await ledger!.stop();
    ledger = undefined;
    const ok = cli(dataDir, ['verify']);
    expect(ok.stderr).not.toMatch(/problem/);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({
      ok: true,
      hashChain: { ok: true, unhashedEvents: 0 },
      invariants: { ok: true },
      readModels: { ok: true, compared: true, differences: 0 },
    });
    expect(report.events).toBeGreaterThan(20);

    const keyFile = path.join(dataDir, 'audit-key.pem');
    expect(cli(dataDir, ['keygen', '--out', keyFile]).code).toBe(0);
    const checkpointFile = path.join(dataDir, 'checkpoint-yesterday.json');
    const signed = cli(dataDir, ['checkpoint', '--out', checkpointFile], {
      LEDGER_AUDIT_SIGNING_KEY: fs.readFileSync(keyFile, 'utf8'),
    });
    expect(signed.code).toBe(0);
    const checkpoint = JSON.parse(fs.readFileSync(checkpointFile, 'utf8'));
    expect(checkpoint.eventCount).toBe(report.events);

    // Today: the API runs again and records more.
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
    expect(
      (
        await http.as(reviewer).post('/v1/enterprises', {
          creditCode: C,
          name: '大同第二呼叫',
          industry: 'annotation',
          seats: 220,
          registeredOn: '2023-06-01',
        })
      ).status,
    ).toBe(201);
    const t2Evidence = await http
      .as(applicantA)
      .post(`/v1/seat-applications/${state.app}/evidence`, {
        filedOn: '2023-09-01',
        claims: [state.claims.c1, state.claims.c3].map((claimId: string) => ({
          claimId,
          wageMonths: ['2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08'],
          insuranceMonths: ['2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08'],
        })),
      });
    expect(t2Evidence.status).toBe(200);
    await ledger.stop();
    ledger = undefined;

    const today = cli(dataDir, [
      'verify',
      '--checkpoint',
      checkpointFile,
      '--public-key',
      `${keyFile}.pub`,
    ]);
    expect(today.code).toBe(0);
    const todayReport = JSON.parse(today.stdout);
    expect(todayReport.events).toBeGreaterThan(checkpoint.eventCount);
    expect(todayReport.checkpoint).toMatchObject({ ok: true, signatureOk: true });
  });

  it('given the payment amount changed in the file behind the ledger, when verified, then the CLI exits non-zero naming its position, and the checkpoint no longer holds', async () => {
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    const row = db.prepare("SELECT position FROM events WHERE type = 'TrancheDisbursed'").get() as {
      position: number;
    };
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.amountFen', 750000) WHERE position = ?",
    ).run(row.position);
    db.close();
    const tampered = cli(dataDir, [
      'verify',
      '--checkpoint',
      path.join(dataDir, 'checkpoint-yesterday.json'),
    ]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`the first bad position is ${row.position}`);
    const report = JSON.parse(tampered.stdout);
    expect(report).toMatchObject({ ok: false, firstBadPosition: row.position });
    expect(report.checkpoint).toMatchObject({ ok: false, signatureOk: true });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ position: row.position, check: 'hash' }),
        expect.objectContaining({ position: row.position, check: 'invariant', rule: 'R-PAY' }),
      ]),
    );
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
