import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  removeTempDataDirs,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * R-FRAUD over real HTTP against the built API: enterprise A is paid two
 * tranches for a false claim on P1 (and a third is approved, unpaid); B's
 * claim for P1's months is refused as a duplicate and becomes a lead; a case
 * suspends A (423 for approval and payment), a finding makes the two payments
 * due back and cancels the unpaid share, A repays in part then in full (the
 * trace checked at each step), P1's cap comes back only then, and B's claim for
 * those months then succeeds. Closure lifts the suspension. Balances and the
 * ageing are read as of dates before and after; compliance (R-SEAT-7) and the
 * performance record (Art. 13) close the story. Steps depend on each other.
 */
jest.setTimeout(120_000);

const A = makeCreditCode(2001);
const B = makeCreditCode(2002);
const P1 = makeResidentId('140202', '19880808', 71);
const P2 = makeResidentId('140202', '19890909', 72);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const T = 250_000;

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};

describe('fraud cases, clawbacks and recoveries, end to end over HTTP', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const applicantB = tokenFor('b-clerk', 'applicant', { enterpriseId: B });
  const s: Record<string, any> = {};

  /** GET as `token`, once the read models have seen the last command. */
  const read = (token: string, path: string) =>
    http.as(token).get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${s.position ?? 0}`);
  const wrote = <T extends { body: any }>(r: T): T => {
    if (typeof r.body?.position === 'number') s.position = r.body.position;
    return r;
  };
  const balanceOn = async (asOf: string, extra = '') =>
    (await read(finance, `/v1/enterprises/${A}/balance?asOf=${asOf}${extra}`)).body.programmes.seat;
  const trace = async () => (await read(supervisor, `/v1/cases/${s.caseId}/trace`)).body;
  const cap = async (personId: string) => (await read(finance, `/v1/persons/${personId}/cap`)).body;

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('fraud'));
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given A with claims on P1 and P2, when two tranches are approved, published and paid and a third approved, then P1 stands at 7,500 yuan', async () => {
    for (const [creditCode, name] of [
      [A, '大同虚报呼叫有限公司'],
      [B, '大同诚信标注有限公司'],
    ]) {
      const r = await http.as(reviewer).post('/v1/enterprises', {
        creditCode,
        name,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
    }
    const sub = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [P1, P2].map((personId, i) => ({
        personId,
        name: ['张三', '李四'][i],
        wageMonths: months('2022-11', '2023-02'),
        insuranceMonths: months('2022-11', '2023-02'),
      })),
    });
    expect(sub.status).toBe(201);
    s.app = sub.body.applicationId;
    [s.claimP1, s.claimP2] = sub.body.claims.map((c: any) => c.claimId);
    const rev = await http.as(reviewer).post(`/v1/seat-applications/${s.app}/review`, {
      decidedOn: '2023-03-05',
      decisions: [s.claimP1, s.claimP2].map((claimId) => ({ claimId, approve: true })),
    });
    expect(rev.status).toBe(200);

    const tranche = async (k: number, decidedOn: string) => {
      const r = await http
        .as(finance)
        .post(`/v1/seat-applications/${s.app}/tranches`, { tranche: k, decidedOn });
      expect(r.status).toBe(201);
      expect(r.body.amountFen).toBe(2 * T);
      return r.body.trancheId as string;
    };
    const publish = async (trancheId: string, startsOn: string, endsOn: string) => {
      const r = await http
        .as(reviewer)
        .post('/v1/publicity', { trancheIds: [trancheId], startsOn, endsOn });
      expect(r.status).toBe(201);
    };
    const pay = async (trancheId: string, paidOn: string, bankRef: string) => {
      const r = await http
        .as(finance)
        .post(`/v1/tranches/${trancheId}/disbursements`, { paidOn, amountFen: 2 * T, bankRef });
      expect(r.status).toBe(201);
      return r.body.disbursementId as string;
    };
    const evidence = async (filedOn: string, from: string, to: string) => {
      const r = await http.as(applicantA).post(`/v1/seat-applications/${s.app}/evidence`, {
        filedOn,
        claims: [s.claimP1, s.claimP2].map((claimId) => ({
          claimId,
          wageMonths: months(from, to),
          insuranceMonths: months(from, to),
        })),
      });
      expect(r.status).toBe(200);
    };

    s.t1 = await tranche(1, '2023-03-10');
    await publish(s.t1, '2023-03-11', '2023-03-17');
    s.d1 = await pay(s.t1, '2023-03-20', 'ICBC-F-0001');
    await evidence('2023-09-01', '2023-03', '2023-08');
    s.t2 = await tranche(2, '2023-09-05');
    await publish(s.t2, '2023-09-06', '2023-09-12');
    s.d2 = await pay(s.t2, '2023-09-13', 'ICBC-F-0002');
    await evidence('2024-01-05', '2023-09', '2023-12');
    s.t3 = await tranche(3, '2024-01-10');
    await publish(s.t3, '2024-01-11', '2024-01-17');
    const c = await cap(P1);
    expect(c).toMatchObject({
      usedFen: 3 * T,
      byEnterprise: [{ enterpriseId: A, usedFen: 3 * T }],
    });
  });

  it("given P1's months claimed by A, when B claims P1 for some of them, then R-SEAT-6 refuses it and supervisors see the lead, masked", async () => {
    const r = wrote(
      await http.as(applicantB).post('/v1/seat-applications', {
        enterpriseId: B,
        // Entered late: a new application is dated inside the trial year (R-POL).
        submittedOn: '2023-12-20',
        claims: [
          {
            personId: P1,
            name: '张三',
            wageMonths: months('2023-01', '2023-06'),
            insuranceMonths: months('2023-01', '2023-06'),
          },
        ],
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
    s.bRefusedClaim = r.body.claims[0].claimId;
    const leads = await read(supervisor, `/v1/duplicate-claims?enterpriseId=${B}&limit=10`);
    expect(leads.status).toBe(200);
    expect(leads.body.items).toEqual([
      {
        personIdMasked: masked(P1),
        claimId: s.bRefusedClaim,
        applicationId: r.body.applicationId,
        enterpriseId: B,
        months: months('2023-01', '2023-06'),
        conflictsWith: [
          { claimId: s.claimP1, enterpriseId: A, months: months('2023-01', '2023-06') },
        ],
        filedOn: '2023-12-20',
        position: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(leads.body)).not.toContain(P1);
    expect((await read(auditor, '/v1/duplicate-claims')).status).toBe(200);
    expect((await read(finance, '/v1/duplicate-claims')).status).toBe(403);
    expect((await read(supervisor, '/v1/duplicate-claims?limit=0')).status).toBe(400);
    expect((await read(supervisor, '/v1/duplicate-claims?limit=1001')).status).toBe(400);
  });

  it('given a supervisor, when a case is opened against A with suspension, then tranche approval and payment for A answer 423 naming R-FRAUD', async () => {
    const wrongRole = await http
      .as(finance)
      .post('/v1/cases', { enterpriseId: A, openedOn: '2024-03-01', reason: 'x', suspend: true });
    expect(wrongRole.status).toBe(403);
    const future = await http
      .as(supervisor)
      .post('/v1/cases', { enterpriseId: A, openedOn: '2099-01-01', reason: 'x', suspend: true });
    expect(future.status).toBe(400);
    const unknown = await http.as(supervisor).post('/v1/cases', {
      enterpriseId: makeCreditCode(2999),
      openedOn: '2024-03-01',
      reason: 'x',
      suspend: false,
    });
    expect(unknown.status).toBe(404);
    const r = wrote(
      await http.as(supervisor).post(
        '/v1/cases',
        {
          enterpriseId: A,
          openedOn: '2024-03-01',
          reason: 'tip: P1 never worked at A',
          suspend: true,
        },
        { 'Idempotency-Key': 'case-a-1' },
      ),
    );
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      caseId: expect.any(String),
      enterpriseId: A,
      suspended: true,
      position: expect.any(Number),
    });
    s.caseId = r.body.caseId;
    const again = await http.as(supervisor).post(
      '/v1/cases',
      {
        enterpriseId: A,
        openedOn: '2024-03-01',
        reason: 'tip: P1 never worked at A',
        suspend: true,
      },
      { 'Idempotency-Key': 'case-a-1' },
    );
    expect(again.body).toEqual(r.body);

    const approve = await http
      .as(finance)
      .post(`/v1/seat-applications/${s.app}/tranches`, { tranche: 4, decidedOn: '2024-03-02' });
    expect(approve.status).toBe(423);
    expect(approve.body).toMatchObject({ statusCode: 423, rule: 'R-FRAUD' });
    const pay = await http.as(finance).post(`/v1/tranches/${s.t3}/disbursements`, {
      paidOn: '2024-03-02',
      amountFen: 2 * T,
      bankRef: 'ICBC-F-0003',
    });
    expect(pay.status).toBe(423);
    expect(pay.body.rule).toBe('R-FRAUD');
    const t = await trace();
    expect(t).toMatchObject({
      caseId: s.caseId,
      enterpriseId: A,
      status: 'open',
      suspension: { requested: true, applied: true, lifted: false },
      findings: [],
      clawbackDueFen: 0,
    });
  });

  it('given bad findings, when recorded, then an unknown claim is 404, a claim of another enterprise 422 R-FRAUD, and nothing is written', async () => {
    const unknown = await http.as(supervisor).post(`/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-10',
      falseClaimIds: [`${s.app}.c9`],
      note: 'x',
    });
    expect(unknown.status).toBe(404);
    const foreign = await http.as(supervisor).post(`/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-10',
      falseClaimIds: [s.bRefusedClaim],
      note: 'x',
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.rule).toBe('R-FRAUD');
    const noCase = await http.as(supervisor).post('/v1/cases/no-such-case/findings', {
      foundOn: '2024-03-10',
      falseClaimIds: [s.claimP1],
      note: 'x',
    });
    expect(noCase.status).toBe(404);
    const empty = await http.as(supervisor).post(`/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-10',
      falseClaimIds: [],
      note: 'x',
    });
    expect(empty.status).toBe(400);
    expect((await trace()).findings).toEqual([]);
  });

  it("given P1's claim paid in two tranches and approved unpaid in a third, when found false, then both payments are due back, the unpaid share is cancelled and its cap released at once", async () => {
    s.knownBeforeFinding = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const r = wrote(
      await http.as(supervisor).post(`/v1/cases/${s.caseId}/findings`, {
        foundOn: '2024-03-10',
        falseClaimIds: [s.claimP1],
        note: 'payroll and insurance records forged',
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      clawbacks: [
        { claimId: s.claimP1, trancheId: s.t1, disbursementId: s.d1, amountFen: T },
        { claimId: s.claimP1, trancheId: s.t2, disbursementId: s.d2, amountFen: T },
      ],
      cancelled: [{ claimId: s.claimP1, trancheId: s.t3, amountFen: T }],
      clawbackDueFen: 2 * T,
      cancelledFen: T,
    });
    const twice = await http.as(supervisor).post(`/v1/cases/${s.caseId}/findings`, {
      foundOn: '2024-03-11',
      falseClaimIds: [s.claimP1],
      note: 'again',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('R-FRAUD');

    const t = await trace();
    expect(t.findings).toEqual([
      expect.objectContaining({
        claimId: s.claimP1,
        personIdMasked: masked(P1),
        status: 'found',
        capReleased: false,
        tranches: [
          {
            trancheId: s.t1,
            approvedFen: T,
            cancelledFen: 0,
            payments: [
              {
                disbursementId: s.d1,
                bankRef: 'ICBC-F-0001',
                paidOn: '2023-03-20',
                amountFen: T,
                clawbackId: expect.any(String),
                recoveredFen: 0,
                outstandingFen: T,
              },
            ],
          },
          {
            trancheId: s.t2,
            approvedFen: T,
            cancelledFen: 0,
            payments: [
              {
                disbursementId: s.d2,
                bankRef: 'ICBC-F-0002',
                paidOn: '2023-09-13',
                amountFen: T,
                clawbackId: expect.any(String),
                recoveredFen: 0,
                outstandingFen: T,
              },
            ],
          },
          { trancheId: s.t3, approvedFen: T, cancelledFen: T, payments: [] },
        ],
      }),
    ]);
    expect(t).toMatchObject({
      clawbackDueFen: 2 * T,
      cancelledFen: T,
      recoveredFen: 0,
      outstandingFen: 2 * T,
      recoveries: [],
    });
    expect(JSON.stringify(t)).not.toContain(P1);
    const d1 = await read(auditor, `/v1/disbursements/${s.d1}`);
    expect(d1.status).toBe(200);
    expect(d1.body).toMatchObject({
      disbursementId: s.d1,
      trancheId: s.t1,
      amountFen: 2 * T,
      reversedBy: [{ caseId: s.caseId, amountFen: T, recoveredFen: 0, claimIds: [s.claimP1] }],
    });
    expect((await read(applicantA, `/v1/disbursements/${s.d1}`)).status).toBe(403);
    expect((await read(auditor, '/v1/disbursements/nope')).status).toBe(404);
    // t3's share is released at once; t1 and t2 stay until the money is back.
    expect((await cap(P1)).usedFen).toBe(2 * T);
    const view = await read(reviewer, `/v1/seat-applications/${s.app}`);
    expect(view.body.claims.find((c: any) => c.claimId === s.claimP1)).toMatchObject({
      status: 'fraudulent',
      foundFalse: { caseId: s.caseId },
    });
    expect(view.body.tranches.find((x: any) => x.trancheId === s.t3).amountFen).toBe(T);
  });

  it('given 5,000 yuan due, when 1,500 yuan comes back, then it repays the oldest payment first; more than is outstanding is 422 and changes nothing', async () => {
    expect(
      (
        await http.as(supervisor).post(`/v1/cases/${s.caseId}/recoveries`, {
          receivedOn: '2024-04-15',
          amountFen: 150_000,
          bankRef: 'BACK-1',
        })
      ).status,
    ).toBe(403);
    const r = wrote(
      await http
        .as(finance)
        .post(
          `/v1/cases/${s.caseId}/recoveries`,
          { receivedOn: '2024-04-15', amountFen: 150_000, bankRef: 'BACK-1' },
          { 'Idempotency-Key': 'rec-1' },
        ),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      releasedClaimIds: [],
      clawbackDueFen: 2 * T,
      recoveredFen: 150_000,
      outstandingFen: 350_000,
    });
    expect(r.body.allocations).toEqual([
      expect.objectContaining({ disbursementId: s.d1, amountFen: 150_000 }),
    ]);
    const replay = await http
      .as(finance)
      .post(
        `/v1/cases/${s.caseId}/recoveries`,
        { receivedOn: '2024-04-15', amountFen: 150_000, bankRef: 'BACK-1' },
        { 'Idempotency-Key': 'rec-1' },
      );
    expect(replay.body).toEqual(r.body);

    const over = await http.as(finance).post(`/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2024-04-20',
      amountFen: 350_001,
      bankRef: 'BACK-2',
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ rule: 'R-FRAUD', details: { outstandingFen: 350_000 } });
    const zero = await http.as(finance).post(`/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2024-04-20',
      amountFen: 0,
      bankRef: 'BACK-2',
    });
    expect(zero.status).toBe(400);
    // Issue #12: one transfer is counted once, across payments and recoveries.
    const paymentRef = await http.as(finance).post(`/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2024-04-20',
      amountFen: 100_000,
      bankRef: 'ICBC-F-0001',
    });
    expect(paymentRef.status).toBe(409);
    expect(paymentRef.body).toMatchObject({
      rule: 'R-FRAUD',
      message: expect.stringContaining('ICBC-F-0001 is already recorded for a payment'),
    });

    const t = await trace();
    expect(t).toMatchObject({ recoveredFen: 150_000, outstandingFen: 350_000 });
    expect(t.recoveries).toEqual([
      expect.objectContaining({
        receivedOn: '2024-04-15',
        amountFen: 150_000,
        bankRef: 'BACK-1',
        settledClaimIds: [],
      }),
    ]);
    expect(t.findings[0].tranches[0].payments[0]).toMatchObject({
      recoveredFen: 150_000,
      outstandingFen: 100_000,
    });
    expect(t.findings[0].tranches[1].payments[0]).toMatchObject({
      recoveredFen: 0,
      outstandingFen: T,
    });
    expect(t.findings[0].capReleased).toBe(false);
    expect((await cap(P1)).usedFen).toBe(2 * T);
    // Still not repaid: B's claim for A's months is still a duplicate.
    const b = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-12-21',
      claims: [
        {
          personId: P1,
          name: '张三',
          wageMonths: months('2023-01', '2023-06'),
          insuranceMonths: months('2023-01', '2023-06'),
        },
      ],
    });
    expect(b.body.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
  });

  it("given the rest comes back, when recorded, then nothing is outstanding, the claim is settled and P1's cap and months are released", async () => {
    const r = wrote(
      await http.as(finance).post(`/v1/cases/${s.caseId}/recoveries`, {
        receivedOn: '2024-05-01',
        amountFen: 350_000,
        bankRef: 'BACK-3',
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      releasedClaimIds: [s.claimP1],
      recoveredFen: 2 * T,
      outstandingFen: 0,
    });
    const t = await trace();
    expect(t).toMatchObject({ clawbackDueFen: 2 * T, recoveredFen: 2 * T, outstandingFen: 0 });
    expect(t.findings[0].capReleased).toBe(true);
    expect(t.recoveries.map((x: any) => x.settledClaimIds)).toEqual([[], [s.claimP1]]);
    expect(
      t.findings[0].tranches.flatMap((x: any) => x.payments.map((p: any) => p.outstandingFen)),
    ).toEqual([0, 0]);
    const d2 = await read(finance, `/v1/disbursements/${s.d2}`);
    expect(d2.body.reversedBy).toEqual([
      expect.objectContaining({ caseId: s.caseId, amountFen: T, recoveredFen: T }),
    ]);
    expect(await cap(P1)).toMatchObject({ usedFen: 0, remainingFen: 1_000_000 });
  });

  it("given A's false claim repaid, when B claims P1 for those months, then the claim stands and B's first tranche pays 2,500 yuan", async () => {
    const sub = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-12-22',
      claims: [
        {
          personId: P1,
          name: '张三',
          wageMonths: months('2023-01', '2023-06'),
          insuranceMonths: months('2023-01', '2023-06'),
        },
      ],
    });
    expect(sub.status).toBe(201);
    expect(sub.body.claims[0].status).toBe('submitted');
    const claimId = sub.body.claims[0].claimId;
    await http.as(reviewer).post(`/v1/seat-applications/${sub.body.applicationId}/review`, {
      decidedOn: '2024-05-11',
      decisions: [{ claimId, approve: true }],
    });
    const t1 = wrote(
      await http.as(finance).post(`/v1/seat-applications/${sub.body.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2024-05-12',
      }),
    );
    expect(t1.status).toBe(201);
    expect(t1.body.included).toEqual([{ claimId, amountFen: T }]);
    expect((await cap(P1)).byEnterprise).toEqual([{ enterpriseId: B, usedFen: T }]);
  });

  it('given the case, when closed upheld, then the suspension is lifted: A is paid again, and a later approval is refused by the rules, not 423', async () => {
    const dismissed = await http.as(supervisor).post(`/v1/cases/${s.caseId}/closure`, {
      closedOn: '2024-05-15',
      outcome: 'dismissed',
      note: 'x',
    });
    expect(dismissed.status).toBe(422);
    expect(dismissed.body.rule).toBe('R-FRAUD');
    const r = wrote(
      await http.as(supervisor).post(`/v1/cases/${s.caseId}/closure`, {
        closedOn: '2024-05-15',
        outcome: 'upheld',
        note: 'P1 never worked at A; repaid in full',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      caseId: s.caseId,
      status: 'closed',
      outcome: 'upheld',
      suspensionLifted: true,
    });
    const again = await http.as(supervisor).post(`/v1/cases/${s.caseId}/closure`, {
      closedOn: '2024-05-16',
      outcome: 'upheld',
      note: 'again',
    });
    expect(again.status).toBe(409);
    expect(await trace()).toMatchObject({
      status: 'closed',
      outcome: 'upheld',
      closedOn: '2024-05-15',
      suspension: { lifted: true },
    });

    // t3 now pays P2 only (P1's share was cancelled): the rest is paid once the suspension is gone.
    const pay = wrote(
      await http.as(finance).post(`/v1/tranches/${s.t3}/disbursements`, {
        paidOn: '2024-05-16',
        amountFen: T,
        bankRef: 'ICBC-F-0003',
      }),
    );
    expect(pay.status).toBe(201);
    const t4 = await http
      .as(finance)
      .post(`/v1/seat-applications/${s.app}/tranches`, { tranche: 4, decidedOn: '2024-05-17' });
    expect(t4.status).toBe(422);
  });

  it("given the history, when A's balance is read as of dates before and after, then clawbackDue and recovered appear on their dates, and as known before the finding there was none", async () => {
    const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };
    expect(await balanceOn('2024-03-09')).toEqual({
      ...zero,
      approvedFen: 6 * T,
      disbursedFen: 4 * T,
    });
    expect(await balanceOn('2024-03-10')).toEqual({
      ...zero,
      approvedFen: 5 * T,
      disbursedFen: 4 * T,
      clawbackDueFen: 2 * T,
    });
    expect(await balanceOn('2024-04-14')).toEqual({
      ...zero,
      approvedFen: 5 * T,
      disbursedFen: 4 * T,
      clawbackDueFen: 2 * T,
    });
    expect(await balanceOn('2024-04-15')).toEqual({
      ...zero,
      approvedFen: 5 * T,
      disbursedFen: 4 * T,
      clawbackDueFen: 2 * T,
      recoveredFen: 150_000,
    });
    const after = await read(finance, `/v1/enterprises/${A}/balance?asOf=2024-06-01`);
    expect(after.body.programmes.seat).toEqual({
      approvedFen: 5 * T,
      disbursedFen: 5 * T,
      clawbackDueFen: 2 * T,
      recoveredFen: 2 * T,
    });
    expect(after.body.totals).toEqual(after.body.programmes.seat);
    const knownBefore = await balanceOn(
      '2024-06-01',
      `&asKnownAt=${encodeURIComponent(s.knownBeforeFinding)}`,
    );
    expect(knownBefore).toEqual({ ...zero, approvedFen: 6 * T, disbursedFen: 4 * T });
  });

  it('given the clawbacks, when finance reads the ageing as of dates, then the outstanding amounts fall in their age buckets, per enterprise and for all', async () => {
    const ageing = async (asOf: string) =>
      (await read(finance, `/v1/enterprises/${A}/clawbacks/ageing?asOf=${asOf}`)).body;
    expect(await ageing('2024-03-09')).toMatchObject({
      enterpriseId: A,
      outstandingFen: 0,
      clawbacks: 0,
    });
    expect(await ageing('2024-03-10')).toEqual({
      asOf: '2024-03-10',
      enterpriseId: A,
      outstandingFen: 2 * T,
      clawbacks: 2,
      oldestDueSince: '2024-03-10',
      days0to30Fen: 2 * T,
      days31to90Fen: 0,
      days91to365Fen: 0,
      over365DaysFen: 0,
    });
    expect(await ageing('2024-04-30')).toMatchObject({
      outstandingFen: 350_000,
      days31to90Fen: 350_000,
      days0to30Fen: 0,
    });
    expect(await ageing('2024-05-01')).toMatchObject({ outstandingFen: 0 });
    const all = await read(finance, '/v1/clawbacks/ageing?asOf=2024-04-30&limit=10');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      asOf: '2024-04-30',
      enterprises: [expect.objectContaining({ enterpriseId: A, outstandingFen: 350_000 })],
      next: null,
    });
    expect((await read(reviewer, '/v1/clawbacks/ageing')).status).toBe(403);
    expect((await read(finance, '/v1/clawbacks/ageing?asOf=2024-02-30')).status).toBe(400);
  });

  it('given A reports its spending, when compliance is read, then received is paid less due back and below 20 % on education is flagged (R-SEAT-7)', async () => {
    expect(
      (
        await http.as(reviewer).post(`/v1/enterprises/${A}/fund-uses`, {
          reportedOn: '2024-05-20',
          educationFen: 1,
          otherFen: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http.as(applicantB).post(`/v1/enterprises/${A}/fund-uses`, {
          reportedOn: '2024-05-20',
          educationFen: 1,
          otherFen: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http.as(applicantA).post(`/v1/enterprises/${A}/fund-uses`, {
          reportedOn: '2024-05-20',
          educationFen: 1.5,
          otherFen: 1,
        })
      ).status,
    ).toBe(400);
    const first = wrote(
      await http.as(applicantA).post(`/v1/enterprises/${A}/fund-uses`, {
        reportedOn: '2024-05-20',
        educationFen: 100_000,
        otherFen: 300_000,
      }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ reportId: expect.any(String), position: expect.any(Number) });
    const compliance = async (asOf: string, token = supervisor) =>
      (await read(token, `/v1/enterprises/${A}/compliance?asOf=${asOf}`)).body;
    // Paid 12,500 yuan, 5,000 of it due back: 7,500 yuan received; 1,000 on education is 13.33 %.
    expect(await compliance('2024-05-20')).toMatchObject({
      rule: 'R-SEAT-7',
      seatReceivedFen: 750_000,
      seatDisbursedFen: 5 * T,
      seatClawbackDueFen: 2 * T,
      educationFen: 100_000,
      otherFen: 300_000,
      educationShareBasisPoints: 1_333,
      educationShare: '0.1333',
      minimumShareBasisPoints: 2_000,
      belowMinimum: true,
    });
    const second = wrote(
      await http.as(applicantA).post(`/v1/enterprises/${A}/fund-uses`, {
        reportedOn: '2024-05-25',
        educationFen: 60_000,
        otherFen: 0,
      }),
    );
    expect(second.status).toBe(201);
    // 1,600 of 7,500 yuan is 21.33 %: no longer flagged from the day of the second report.
    expect(await compliance('2024-05-31')).toMatchObject({
      educationFen: 160_000,
      educationShare: '0.2133',
      belowMinimum: false,
    });
    expect((await compliance('2024-05-24')).belowMinimum).toBe(true);
    // Before the finding nothing was due back: 10,000 yuan received, nothing reported yet.
    expect(await compliance('2024-03-09')).toMatchObject({
      seatReceivedFen: 4 * T,
      educationFen: 0,
      educationShare: '0.0000',
      belowMinimum: true,
    });
    expect((await read(applicantA, `/v1/enterprises/${A}/compliance`)).status).toBe(200);
    expect((await read(applicantB, `/v1/enterprises/${A}/compliance`)).status).toBe(403);
  });

  it("given the upheld case, when reviewers look at A's record and next application, then the performance record shows the case, the recovery and compliance", async () => {
    const perf = await read(reviewer, `/v1/enterprises/${A}/performance?asOf=2024-05-31`);
    expect(perf.status).toBe(200);
    expect(perf.body).toMatchObject({
      enterpriseId: A,
      suspended: false,
      casesOpened: 1,
      casesOpen: 0,
      casesUpheld: 1,
      casesDismissed: 0,
      falseClaims: 1,
      clawbackDueFen: 2 * T,
      recoveredFen: 2 * T,
      outstandingFen: 0,
      cases: [expect.objectContaining({ caseId: s.caseId, outcome: 'upheld', falseClaims: 1 })],
      compliance: expect.objectContaining({ belowMinimum: false }),
    });
    expect((await read(applicantA, `/v1/enterprises/${A}/performance`)).status).toBe(403);
    const clean = await read(reviewer, `/v1/enterprises/${B}/performance`);
    expect(clean.body).toMatchObject({ casesOpened: 0, falseClaims: 0, suspended: false });

    const next = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-12-22',
      claims: [
        {
          personId: P2,
          name: '李四',
          wageMonths: months('2020-01', '2020-06'),
          insuranceMonths: months('2020-01', '2020-06'),
        },
      ],
    });
    expect(next.status).toBe(201);
    const forReviewer = await read(reviewer, `/v1/seat-applications/${next.body.applicationId}`);
    expect(forReviewer.body.performance).toMatchObject({
      casesUpheld: 1,
      falseClaims: 1,
      recoveredFen: 2 * T,
    });
    const forApplicant = await read(applicantA, `/v1/seat-applications/${next.body.applicationId}`);
    expect(forApplicant.body.performance).toBeUndefined();
  });

  it('given the trace, when read by roles, then supervisors, auditors and finance may and others may not', async () => {
    expect((await read(auditor, `/v1/cases/${s.caseId}/trace`)).status).toBe(200);
    expect((await read(finance, `/v1/cases/${s.caseId}/trace`)).status).toBe(200);
    expect((await read(reviewer, `/v1/cases/${s.caseId}/trace`)).status).toBe(403);
    expect((await read(applicantA, `/v1/cases/${s.caseId}/trace`)).status).toBe(403);
    expect((await read(supervisor, '/v1/cases/nope/trace')).status).toBe(404);
  });
});
