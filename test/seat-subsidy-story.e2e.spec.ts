import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  removeTempDataDirs,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * The whole seat-subsidy story over real HTTP against the built API on a real
 * SQLite file: two enterprises claim the same person in overlapping and in
 * separate months; tranches, publicity, an objection, payment, a reused bank
 * reference, balances as of several dates, the cap across employers, wrong
 * roles and foreign enterprises. Steps depend on each other, in order.
 */
jest.setTimeout(120_000);

const A = makeCreditCode(1001);
const B = makeCreditCode(1002);
const SMALL = makeCreditCode(1003);
const P1 = makeResidentId('140202', '19900101', 11);
const P2 = makeResidentId('140202', '19910202', 22);
const P3 = makeResidentId('140202', '19920303', 33);
const P4 = makeResidentId('140202', '19930404', 44);

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      y += 1;
      m = 1;
    }
  }
  return out;
};

describe('seat subsidy, end to end over HTTP', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const ritaAsFinance = tokenFor('rita', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const applicantB = tokenFor('b-clerk', 'applicant', { enterpriseId: B });
  const applicantSmall = tokenFor('s-clerk', 'applicant', { enterpriseId: SMALL });

  const state: Record<string, any> = {};

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('story'));
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given a reviewer, when three enterprises are registered, then each answers 201 with its position', async () => {
    for (const [code, name, seats] of [
      [A, '大同云呼叫有限公司', 300],
      [B, '大同标注科技有限公司', 250],
      [SMALL, '小型呼叫中心', 199],
    ] as const) {
      const r = await http.as(reviewer).post('/v1/enterprises', {
        creditCode: code,
        name,
        industry: 'call',
        seats,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ enterpriseId: code, position: expect.any(Number) });
    }
    const again = await http
      .as(reviewer)
      .post('/v1/enterprises', { creditCode: A, name: 'x', industry: 'call', seats: 300 });
    expect(again.status).toBe(409);
  });

  it('given an enterprise with 199 seats, when it applies, then R-SEAT-1 refuses it with 422', async () => {
    const r = await http.as(applicantSmall).post('/v1/seat-applications', {
      enterpriseId: SMALL,
      submittedOn: '2023-03-01',
      claims: [
        { personId: P4, name: '赵六', wageMonths: ['2023-01'], insuranceMonths: ['2023-01'] },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.rule).toBe('R-SEAT-1');
  });

  it('given enterprise A, when its applicant applies for B, then 403', async () => {
    const r = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-03-01',
      claims: [
        { personId: P4, name: '赵六', wageMonths: ['2023-01'], insuranceMonths: ['2023-01'] },
      ],
    });
    expect(r.status).toBe(403);
  });

  it('given A in the trial year, when it submits three claims, then all are submitted and the first tranche needs 2 months', async () => {
    const r = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [
        {
          personId: P1,
          name: '张三',
          wageMonths: months('2022-11', '2023-02'),
          insuranceMonths: months('2022-11', '2023-02'),
        },
        {
          personId: P2,
          name: '李四',
          wageMonths: months('2023-01', '2023-02'),
          insuranceMonths: months('2023-01', '2023-02'),
        },
        // Wages without insurance: no month counts (R-SEAT-2).
        { personId: P3, name: '王五', wageMonths: ['2023-01', '2023-02'], insuranceMonths: [] },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.claims.map((c: any) => c.status)).toEqual([
      'submitted',
      'submitted',
      'submitted',
    ]);
    state.appA = r.body.applicationId;
    state.claimA = Object.fromEntries(
      r.body.claims.map((c: any, i: number) => [['P1', 'P2', 'P3'][i], c.claimId]),
    );
    const view = await http
      .as(reviewer)
      .get(`/v1/seat-applications/${state.appA}?minPosition=${r.body.position}`);
    expect(view.status).toBe(200);
    expect(view.body.firstTrancheMonths).toBe(2);
    expect(view.body.claims[2].months).toEqual([]);
    expect(view.body.claims[0].personId).toBe(P1);
    // Applicants see masked ID numbers only.
    const own = await http.as(applicantA).get(`/v1/seat-applications/${state.appA}`);
    expect(own.status).toBe(200);
    expect(own.body.claims[0].personId).toBeUndefined();
    expect(own.body.claims[0].personIdMasked).toBe(`${P1.slice(0, 6)}********${P1.slice(14)}`);
    expect(JSON.stringify(own.body)).not.toContain(P1);
    const foreign = await http.as(applicantB).get(`/v1/seat-applications/${state.appA}`);
    expect(foreign.status).toBe(403);
  });

  it("given A claims P1 for 2022-11..2023-02, when B claims P1 for overlapping months, then R-SEAT-6 refuses it (naming A's claim to the reviewer only), and B's other claim stands", async () => {
    const r = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-04-01',
      claims: [
        {
          personId: P1,
          name: '张三',
          wageMonths: months('2023-01', '2023-03'),
          insuranceMonths: months('2023-01', '2023-03'),
        },
        {
          personId: P4,
          name: '赵六',
          wageMonths: months('2023-02', '2023-03'),
          insuranceMonths: months('2023-02', '2023-03'),
        },
      ],
    });
    expect(r.status).toBe(201);
    const [p1, p4] = r.body.claims;
    expect(p1).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
    // Issue #12: B's applicant is told the months are taken, not by whom.
    expect(p1.reason).toBe('months 2023-01, 2023-02 are claimed by another enterprise');
    expect(p1.conflictsWith).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toContain(A);
    expect(p4.status).toBe('submitted');
    expect(JSON.stringify(r.body)).not.toContain(P1);
    state.appB1 = r.body.applicationId;
    const seen = await http
      .as(reviewer)
      .get(`/v1/seat-applications/${state.appB1}?minPosition=${r.body.position}`);
    expect(seen.body.claims[0].conflictsWith).toEqual([
      { claimId: state.claimA.P1, enterpriseId: A, months: ['2023-01', '2023-02'] },
    ]);
  });

  it('given the reviewer, when claims are reviewed, then a rejection without a reason is 400 and a full review is 200', async () => {
    const bad = await http.as(reviewer).post(`/v1/seat-applications/${state.appA}/review`, {
      decidedOn: '2023-03-05',
      decisions: [{ claimId: state.claimA.P3, approve: false }],
    });
    expect(bad.status).toBe(400);
    const r = await http.as(reviewer).post(`/v1/seat-applications/${state.appA}/review`, {
      decidedOn: '2023-03-05',
      decisions: [
        { claimId: state.claimA.P1, approve: true },
        { claimId: state.claimA.P2, approve: true },
        { claimId: state.claimA.P3, approve: false, reason: 'no social insurance record' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.claims).toEqual([
      { claimId: state.claimA.P1, status: 'approved' },
      { claimId: state.claimA.P2, status: 'approved' },
      { claimId: state.claimA.P3, status: 'rejected' },
    ]);
  });

  it('given the actor who reviewed, when the same actor approves a tranche as finance, then R-SOD answers 403', async () => {
    const r = await http.as(ritaAsFinance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(r.status).toBe(403);
    expect(r.body.rule).toBe('R-SOD');
  });

  it('given a reviewer token, when it approves a tranche, then 403 (wrong role)', async () => {
    const r = await http.as(reviewer).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(r.status).toBe(403);
  });

  it('given approved claims, when finance approves tranche 1, then each approved claim gets 2,500 yuan', async () => {
    const skip = await http.as(finance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 2,
      decidedOn: '2023-03-10',
    });
    expect(skip.status).toBe(422);
    expect(skip.body.rule).toBe('R-SEAT-3');
    const r = await http.as(finance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(r.status).toBe(201);
    expect(r.body.amountFen).toBe(500_000);
    expect(r.body.included).toEqual([
      { claimId: state.claimA.P1, amountFen: 250_000 },
      { claimId: state.claimA.P2, amountFen: 250_000 },
    ]);
    expect(r.body.refused).toEqual([]);
    state.trancheA1 = r.body.trancheId;
  });

  it('given tranche 1, when a notice of 6 days is opened, then R-PUB refuses; 7 days is accepted and public', async () => {
    const short = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.trancheA1],
      startsOn: '2023-03-11',
      endsOn: '2023-03-16',
    });
    expect(short.status).toBe(422);
    expect(short.body.rule).toBe('R-PUB');
    const r = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.trancheA1],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(r.status).toBe(201);
    state.pubA1 = r.body.publicityId;
    const pub = await new LedgerClient(ledger.baseUrl).get(`/v1/publicity/${state.pubA1}`);
    expect(pub.status).toBe(200);
    expect(pub.body.entries).toHaveLength(2);
    expect(pub.body.entries[0]).toMatchObject({
      enterpriseName: '大同云呼叫有限公司',
      personName: '张三',
      personIdMasked: `${P1.slice(0, 6)}********${P1.slice(14)}`,
      amountFen: 250_000,
    });
    expect(JSON.stringify(pub.body)).not.toContain(P1);
  });

  it('given a notice running until 2023-03-17, when paid on its last day, then R-DATE refuses: the notice has not ended', async () => {
    const r = await http.as(finance).post(`/v1/tranches/${state.trancheA1}/disbursements`, {
      paidOn: '2023-03-17',
      amountFen: 500_000,
      bankRef: 'ICBC-0001',
    });
    expect(r.status).toBe(422);
    expect(r.body.rule).toBe('R-DATE');
  });

  it('given an objection to P2 during the notice, when payment is tried, then R-PUB holds it; once upheld, P2 leaves the tranche and its cap is released', async () => {
    const o = await http.as(reviewer).post(`/v1/publicity/${state.pubA1}/objections`, {
      raisedOn: '2023-03-12',
      claimId: state.claimA.P2,
      text: 'the employee left in January',
    });
    expect(o.status).toBe(201);
    const held = await http.as(finance).post(`/v1/tranches/${state.trancheA1}/disbursements`, {
      paidOn: '2023-03-18',
      amountFen: 500_000,
      bankRef: 'ICBC-0001',
    });
    expect(held.status).toBe(422);
    expect(held.body.rule).toBe('R-PUB');
    const capBefore = await http.as(finance).get(`/v1/persons/${P2}/cap`);
    expect(capBefore.body.usedFen).toBe(250_000);
    const resolved = await http
      .as(reviewer)
      .post(`/v1/publicity/${state.pubA1}/objections/${o.body.objectionId}/resolution`, {
        resolvedOn: '2023-03-19',
        upheld: true,
        reason: 'confirmed with the social insurance bureau',
      });
    expect(resolved.status).toBe(200);
    const capAfter = await http
      .as(finance)
      .get(`/v1/persons/${P2}/cap?minPosition=${resolved.body.position}`);
    expect(capAfter.body).toMatchObject({ usedFen: 0, remainingFen: 1_000_000, byEnterprise: [] });
  });

  it('given the reduced tranche, when paid with the old amount then the new one, then R-PAY refuses and the exact amount is recorded once', async () => {
    const wrong = await http.as(finance).post(`/v1/tranches/${state.trancheA1}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 500_000,
      bankRef: 'ICBC-0001',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.rule).toBe('R-PAY');
    const sod = await http.as(ritaAsFinance).post(`/v1/tranches/${state.trancheA1}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'ICBC-0001',
    });
    expect(sod.status).toBe(403);
    expect(sod.body.rule).toBe('R-SOD');
    const ok = await http
      .as(finance)
      .post(
        `/v1/tranches/${state.trancheA1}/disbursements`,
        { paidOn: '2023-03-20', amountFen: 250_000, bankRef: 'ICBC-0001' },
        { 'Idempotency-Key': 'pay-a1' },
      );
    expect(ok.status).toBe(201);
    state.disbursementA1 = ok.body.disbursementId;
    const replay = await http
      .as(finance)
      .post(
        `/v1/tranches/${state.trancheA1}/disbursements`,
        { paidOn: '2023-03-20', amountFen: 250_000, bankRef: 'ICBC-0001' },
        { 'Idempotency-Key': 'pay-a1' },
      );
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(ok.body);
    const otherBody = await http
      .as(finance)
      .post(
        `/v1/tranches/${state.trancheA1}/disbursements`,
        { paidOn: '2023-03-21', amountFen: 250_000, bankRef: 'ICBC-0001' },
        { 'Idempotency-Key': 'pay-a1' },
      );
    expect(otherBody.status).toBe(409);
    const twice = await http.as(finance).post(`/v1/tranches/${state.trancheA1}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'ICBC-0002',
    });
    expect(twice.status).toBe(409);
  });

  it("given A's P1 at 10 months of evidence, when tranche 2 is approved, then only P1 is in it", async () => {
    const ev = await http.as(applicantA).post(`/v1/seat-applications/${state.appA}/evidence`, {
      filedOn: '2023-09-01',
      claims: [
        {
          claimId: state.claimA.P1,
          wageMonths: months('2023-03', '2023-08'),
          insuranceMonths: months('2023-03', '2023-08'),
        },
      ],
    });
    expect(ev.status).toBe(200);
    expect(ev.body.claims[0]).toMatchObject({ claimId: state.claimA.P1, status: 'accepted' });
    const t2 = await http.as(finance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 2,
      decidedOn: '2023-09-05',
    });
    expect(t2.status).toBe(201);
    expect(t2.body.included).toEqual([{ claimId: state.claimA.P1, amountFen: 250_000 }]);
    state.trancheA2 = t2.body.trancheId;
    const pub = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.trancheA2],
      startsOn: '2023-09-06',
      endsOn: '2023-09-12',
    });
    expect(pub.status).toBe(201);
    const reused = await http.as(finance).post(`/v1/tranches/${state.trancheA2}/disbursements`, {
      paidOn: '2023-09-13',
      amountFen: 250_000,
      bankRef: 'ICBC-0001',
    });
    expect(reused.status).toBe(409);
    const paid = await http.as(finance).post(`/v1/tranches/${state.trancheA2}/disbursements`, {
      paidOn: '2023-09-13',
      amountFen: 250_000,
      bankRef: 'ICBC-0003',
    });
    expect(paid.status).toBe(201);
  });

  it("given P1 at 14 months, when A's tranche 3 is approved, then P1 stands at 7,500 yuan with A", async () => {
    const ev = await http.as(applicantA).post(`/v1/seat-applications/${state.appA}/evidence`, {
      filedOn: '2024-01-05',
      claims: [
        {
          claimId: state.claimA.P1,
          wageMonths: months('2023-09', '2023-12'),
          insuranceMonths: months('2023-09', '2023-12'),
        },
      ],
    });
    expect(ev.status).toBe(200);
    const t3 = await http.as(finance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 3,
      decidedOn: '2024-01-10',
    });
    expect(t3.status).toBe(201);
    expect(t3.body.amountFen).toBe(250_000);
    const cap = await http.as(auditor).get(`/v1/persons/${P1}/cap`);
    expect(cap.status).toBe(200);
    expect(cap.body).toEqual({
      personIdMasked: `${P1.slice(0, 6)}********${P1.slice(14)}`,
      capFen: 1_000_000,
      usedFen: 750_000,
      remainingFen: 250_000,
      byEnterprise: [{ enterpriseId: A, usedFen: 750_000 }],
    });
  });

  it('given P1 at 7,500 yuan with A, when B claims P1 for earlier, separate months, then B gets 2,500 and the next tranche is refused by R-SEAT-5', async () => {
    // Entered late: a new application must be dated inside the trial year (R-POL).
    const sub = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-05-01',
      claims: [
        {
          personId: P1,
          name: '张三',
          wageMonths: months('2022-05', '2022-10'),
          insuranceMonths: months('2022-05', '2022-10'),
        },
      ],
    });
    expect(sub.status).toBe(201);
    expect(sub.body.claims[0].status).toBe('submitted');
    const appB2 = sub.body.applicationId;
    const claim = sub.body.claims[0].claimId;
    const view = await http.as(reviewer).get(`/v1/seat-applications/${appB2}`);
    expect(view.body.firstTrancheMonths).toBe(6); // B's second application
    await http.as(reviewer).post(`/v1/seat-applications/${appB2}/review`, {
      decidedOn: '2023-05-02',
      decisions: [{ claimId: claim, approve: true }],
    });
    const t1 = await http
      .as(finance)
      .post(`/v1/seat-applications/${appB2}/tranches`, { tranche: 1, decidedOn: '2023-05-05' });
    expect(t1.status).toBe(201);
    expect(t1.body.included).toEqual([{ claimId: claim, amountFen: 250_000 }]);
    await http.as(applicantB).post(`/v1/seat-applications/${appB2}/evidence`, {
      filedOn: '2023-06-01',
      claims: [
        {
          claimId: claim,
          wageMonths: months('2021-11', '2022-04'),
          insuranceMonths: months('2021-11', '2022-04'),
        },
      ],
    });
    const t2 = await http
      .as(finance)
      .post(`/v1/seat-applications/${appB2}/tranches`, { tranche: 2, decidedOn: '2023-06-05' });
    expect(t2.status).toBe(201);
    expect(t2.body.amountFen).toBe(0);
    expect(t2.body.refused).toEqual([
      { claimId: claim, rule: 'R-SEAT-5', reason: expect.stringContaining('cap') },
    ]);
    const cap = await http.as(supervisor).get(`/v1/persons/${P1}/cap`);
    expect(cap.body.usedFen).toBe(1_000_000);
    expect(cap.body.remainingFen).toBe(0);
    expect(cap.body.byEnterprise).toEqual(
      expect.arrayContaining([
        { enterpriseId: A, usedFen: 750_000 },
        { enterpriseId: B, usedFen: 250_000 },
      ]),
    );
  });

  it("given the history above, when A's balance is read as of several dates, then each date shows what was approved and paid by then", async () => {
    const at = async (asOf: string) =>
      (await http.as(finance).get(`/v1/enterprises/${A}/balance?asOf=${asOf}`)).body;
    const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };
    expect((await at('2023-03-09')).programmes.seat).toEqual(zero);
    expect((await at('2023-03-12')).programmes.seat).toEqual({ ...zero, approvedFen: 500_000 });
    expect((await at('2023-03-20')).programmes.seat).toEqual({
      ...zero,
      approvedFen: 250_000,
      disbursedFen: 250_000,
    });
    const late = await at('2024-02-01');
    expect(late.programmes.seat).toEqual({ ...zero, approvedFen: 750_000, disbursedFen: 500_000 });
    expect(late.totals).toEqual(late.programmes.seat);
    expect(late).toMatchObject({ enterpriseId: A, asOf: '2024-02-01' });
    const own = await http.as(applicantA).get(`/v1/enterprises/${A}/balance?asOf=2024-02-01`);
    expect(own.status).toBe(200);
    const foreign = await http.as(applicantB).get(`/v1/enterprises/${A}/balance`);
    expect(foreign.status).toBe(403);
    const applicantCap = await http.as(applicantA).get(`/v1/persons/${P1}/cap`);
    expect(applicantCap.status).toBe(403);
    const none = await http.get(`/v1/enterprises/${A}/balance`);
    expect(none.status).toBe(401);
    const unknown = await http.as(finance).get(`/v1/enterprises/${makeCreditCode(4242)}/balance`);
    expect(unknown.status).toBe(404);
  });

  it('given the tranche 24 months after the first, when a tranche is approved the day after, then R-SEAT-4 refuses it', async () => {
    await http.as(applicantA).post(`/v1/seat-applications/${state.appA}/evidence`, {
      filedOn: '2025-03-11',
      claims: [
        { claimId: state.claimA.P1, wageMonths: months('2024-01', '2024-01'), insuranceMonths: [] },
      ],
    });
    const late = await http.as(finance).post(`/v1/seat-applications/${state.appA}/tranches`, {
      tranche: 4,
      decidedOn: '2025-03-11',
    });
    expect(late.status).toBe(422);
    expect(late.body.rule).toBe('R-SEAT-4');
  });

  it('given the whole story on disk, when the built CLI verifies the data directory, then hash chains, invariants and read models hold', async () => {
    await ledger.stop();
    expectLedgerVerifies(ledger.dataDir);
  });
});
