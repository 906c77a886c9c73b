import * as fs from 'node:fs';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #11 point 7 walked through over real HTTP, as a supervisor and a
 * finance officer would: a school's internship reward is paid; a case is
 * opened against the school (without suspension); a finding names the paid
 * tranche false, which suspends the school at once and makes the reward due
 * back (trace, ageing, balance, the payment's `reversedBy`); the case is
 * closed with money outstanding and the suspension stays; the recovery of
 * the last yuan lifts it. Steps depend on each other, in order.
 */
jest.setTimeout(120_000);

const SCHOOL = makeCreditCode(9_301);
const EMPLOYER = makeCreditCode(9_302);
const P = (n: number) => makeResidentId('140202', '20000606', n);
const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };
const REWARD = 25 * 100_000; // 25 retained, all at the higher level

const months = (from: string, count: number): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};

describe('a case against a school, end to end over HTTP (R-FRAUD)', () => {
  const dataDir = tempDataDir('school-case');
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const schoolClerk = tokenFor('s-clerk', 'applicant', { schoolId: SCHOOL });
  const s: Record<string, any> = { position: 0 };

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (token: string, path: string, body: unknown) => {
    const r = await http.as(token).post(path, body);
    if (typeof r.body?.position === 'number') s.position = Math.max(s.position, r.body.position);
    return r;
  };
  const read = (token: string, path: string) =>
    http.as(token).get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${s.position}`);
  const trace = async () => (await read(supervisor, `/v1/cases/${s.caseId}/trace`)).body;
  /** 50 interns from `from`, the first 25 employed 6 consecutive months (retained), the rest 5. */
  const application = (from: number) => ({
    schoolId: SCHOOL,
    year: 2023,
    submittedOn: '2024-01-15',
    agreementRef: '产教融合协议 2023-07',
    trainingBaseRef: '大数据实训基地 1 号',
    interns: Array.from({ length: 50 }, (_, i) => ({
      personId: P(from + i),
      name: `实习生${from + i}`,
      level: 'higher',
      enterpriseId: EMPLOYER,
      employedMonths: months('2023-07', i < 25 ? 6 : 5),
    })),
  });
  const approve = (applicationId: string, decidedOn: string) =>
    post(finance, `/v1/internship-applications/${applicationId}/tranches`, { decidedOn });

  it('given a school whose internship reward was approved, published and paid, then its balance shows 25,000 yuan paid', async () => {
    expect(
      (
        await post(reviewer, '/v1/schools', {
          schoolId: SCHOOL,
          name: '大同数据职业学院',
          registeredOn: '2023-01-05',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post(reviewer, '/v1/enterprises', {
          creditCode: EMPLOYER,
          name: '大同标注有限公司',
          industry: 'annotation',
          seats: 300,
        })
      ).status,
    ).toBe(201);
    const first = await post(schoolClerk, '/v1/internship-applications', application(0));
    expect(first.status).toBe(201);
    const second = await post(schoolClerk, '/v1/internship-applications', application(100));
    expect(second.status).toBe(201);
    s.second = second.body.applicationId;
    const t = await approve(first.body.applicationId, '2024-01-20');
    expect(t.body).toMatchObject({ amountFen: REWARD });
    s.trancheId = t.body.trancheId;
    expect(
      (
        await post(reviewer, '/v1/publicity', {
          trancheIds: [s.trancheId],
          startsOn: '2024-01-21',
          endsOn: '2024-01-27',
        })
      ).status,
    ).toBe(201);
    const paid = await post(finance, `/v1/tranches/${s.trancheId}/disbursements`, {
      paidOn: '2024-01-29',
      amountFen: REWARD,
      bankRef: 'BANK-SCHOOL-1',
    });
    expect(paid.status).toBe(201);
    s.disbursementId = paid.body.disbursementId;
    const balance = await read(finance, `/v1/schools/${SCHOOL}/balance?asOf=2024-02-29`);
    expect(balance.body.totals).toEqual({ ...zero, approvedFen: REWARD, disbursedFen: REWARD });
  });

  it('given a tip, when a supervisor opens a case against the school without suspension, then it is not suspended yet; both or no party is 400', async () => {
    const both = await post(supervisor, '/v1/cases', {
      enterpriseId: EMPLOYER,
      schoolId: SCHOOL,
      openedOn: '2024-03-01',
      reason: 'x',
      suspend: false,
    });
    expect(both.status).toBe(400);
    const none = await post(supervisor, '/v1/cases', {
      openedOn: '2024-03-01',
      reason: 'x',
      suspend: false,
    });
    expect(none.status).toBe(400);
    const unknown = await post(supervisor, '/v1/cases', {
      schoolId: makeCreditCode(9_399),
      openedOn: '2024-03-01',
      reason: 'x',
      suspend: false,
    });
    expect(unknown.status).toBe(404);
    const opened = await post(supervisor, '/v1/cases', {
      schoolId: SCHOOL,
      openedOn: '2024-03-01',
      reason: 'tip: half the retained interns never worked at the employer',
      suspend: false,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({
      caseId: expect.any(String),
      schoolId: SCHOOL,
      suspended: false,
      position: expect.any(Number),
    });
    s.caseId = opened.body.caseId;
    expect(await trace()).toMatchObject({
      schoolId: SCHOOL,
      status: 'open',
      suspension: { requested: false, applied: false, lifted: false },
    });
  });

  it('given the case, when a finding names the paid internship tranche false, then 25,000 yuan are due back and the school is suspended at once (423 on its next approval)', async () => {
    const claim = await post(supervisor, `/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-10',
      falseClaimIds: ['no-such-app.c1'],
      note: 'x',
    });
    expect({ status: claim.status, rule: claim.body.rule }).toEqual({
      status: 422,
      rule: 'R-FRAUD',
    });
    const r = await post(supervisor, `/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-10',
      falseTrancheIds: [s.trancheId],
      note: 'employment records of 13 interns forged',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      clawbacks: [{ trancheId: s.trancheId, disbursementId: s.disbursementId, amountFen: REWARD }],
      cancelled: [],
      clawbackDueFen: REWARD,
      cancelledFen: 0,
      suspended: true,
    });
    const blocked = await approve(s.second, '2024-03-12');
    expect({ status: blocked.status, rule: blocked.body.rule }).toEqual({
      status: 423,
      rule: 'R-FRAUD',
    });
    const t = await trace();
    expect(t).toMatchObject({
      schoolId: SCHOOL,
      suspension: { requested: false, applied: true, lifted: false },
      clawbackDueFen: REWARD,
      outstandingFen: REWARD,
    });
    expect(t.findings).toEqual([
      expect.objectContaining({
        falseTrancheId: s.trancheId,
        programme: 'internship',
        status: 'found',
        tranches: [
          {
            trancheId: s.trancheId,
            approvedFen: REWARD,
            cancelledFen: 0,
            payments: [
              expect.objectContaining({
                disbursementId: s.disbursementId,
                bankRef: 'BANK-SCHOOL-1',
                amountFen: REWARD,
                outstandingFen: REWARD,
              }),
            ],
          },
        ],
      }),
    ]);
    const d = await read(auditor, `/v1/disbursements/${s.disbursementId}`);
    expect(d.body.reversedBy).toEqual([
      expect.objectContaining({ caseId: s.caseId, amountFen: REWARD, recoveredFen: 0 }),
    ]);
  });

  it('given the clawback, when finance reads the ageing and the balance, then the school owes 25,000 yuan from the finding date', async () => {
    const one = await read(finance, `/v1/schools/${SCHOOL}/clawbacks/ageing?asOf=2024-04-30`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      asOf: '2024-04-30',
      schoolId: SCHOOL,
      outstandingFen: REWARD,
      clawbacks: 1,
      oldestDueSince: '2024-03-10',
      days0to30Fen: 0,
      days31to90Fen: REWARD,
      days91to365Fen: 0,
      over365DaysFen: 0,
    });
    const all = await read(finance, '/v1/clawbacks/ageing?asOf=2024-04-30&party=school');
    expect(all.body.schools).toEqual([one.body].map(({ asOf: _asOf, ...a }) => a));
    expect(all.body.pageTotals.outstandingFen).toBe(REWARD);
    const enterprises = await read(finance, '/v1/clawbacks/ageing?asOf=2024-04-30');
    expect(enterprises.body.enterprises).toEqual([]);
    expect((await read(schoolClerk, `/v1/schools/${SCHOOL}/clawbacks/ageing`)).status).toBe(403);
    const balance = await read(finance, `/v1/schools/${SCHOOL}/balance?asOf=2024-04-30`);
    expect(balance.body.programmes.internship).toEqual({
      approvedFen: REWARD,
      disbursedFen: REWARD,
      clawbackDueFen: REWARD,
      recoveredFen: 0,
    });
  });

  it('given money outstanding, when the case is closed upheld, then the suspension stays (R-FRAUD amended) and a partial recovery does not lift it', async () => {
    const closed = await post(supervisor, `/v1/cases/${s.caseId}/closure`, {
      closedOn: '2024-04-01',
      outcome: 'upheld',
      note: 'reward obtained with forged records',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', suspensionLifted: false });
    expect((await approve(s.second, '2024-04-02')).status).toBe(423);
    const part = await post(finance, `/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2024-04-10',
      amountFen: 1_000_000,
      bankRef: 'BACK-SCHOOL-1',
    });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      outstandingFen: REWARD - 1_000_000,
      suspensionLifted: false,
    });
    expect((await approve(s.second, '2024-04-11')).status).toBe(423);
    expect((await trace()).suspension).toEqual({ requested: false, applied: true, lifted: false });
  });

  it('given the rest comes back, when recorded, then the suspension is lifted and the school is paid again; trace, ageing and balance show it recovered', async () => {
    const rest = await post(finance, `/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2024-04-20',
      amountFen: REWARD - 1_000_000,
      bankRef: 'BACK-SCHOOL-2',
    });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({
      outstandingFen: 0,
      recoveredFen: REWARD,
      suspensionLifted: true,
      allocations: [
        expect.objectContaining({ claimId: s.trancheId, amountFen: REWARD - 1_000_000 }),
      ],
    });
    const approved = await approve(s.second, '2024-04-21');
    expect(approved.status).toBe(201);
    expect(await trace()).toMatchObject({
      status: 'closed',
      suspension: { requested: false, applied: true, lifted: true },
      recoveredFen: REWARD,
      outstandingFen: 0,
    });
    const ageing = await read(finance, `/v1/schools/${SCHOOL}/clawbacks/ageing?asOf=2024-04-30`);
    expect(ageing.body.outstandingFen).toBe(0);
    const balance = await read(finance, `/v1/schools/${SCHOOL}/balance?asOf=2024-04-30`);
    expect(balance.body.programmes.internship).toMatchObject({
      clawbackDueFen: REWARD,
      recoveredFen: REWARD,
    });
    const d = await read(auditor, `/v1/disbursements/${s.disbursementId}`);
    expect(d.body.reversedBy).toEqual([
      expect.objectContaining({ caseId: s.caseId, amountFen: REWARD, recoveredFen: REWARD }),
    ]);
  });

  it('given the whole story, when the ledger is stopped and verified, then every invariant holds', async () => {
    await ledger.stop();
    expectLedgerVerifies(dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
