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
 * Issue #11 points 1, 2 and 8 over real HTTP against the built API on a real
 * SQLite file: R-SEAT-8 seats held (one application, several, two API
 * processes at once, a verified seat count), R-POL validity (the first and
 * last trial day, the day before and the day after, the internship cohort, a
 * later tranche after the trial) and R-DATE (each decision dated before the
 * fact it rests on: 422, nothing written). Steps depend on each other, in order.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(1101);
const FULL = makeCreditCode(1102);
const RACE = makeCreditCode(1103);
const INSPECTED = makeCreditCode(1104);
const SCHOOL = makeCreditCode(1105);

let personSeq = 0;
/** A new, valid resident ID each call. */
const newPerson = () => {
  const n = personSeq++;
  return makeResidentId('140213', `19${70 + Math.floor(n / 1000)}0303`, n % 1000);
};
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
/** A claim for a new person with `count` months of wages and insurance from `from`. */
const claim = (from = '2021-01', count = 24) => ({
  personId: newPerson(),
  name: '测试',
  wageMonths: months(from, count),
  insuranceMonths: months(from, count),
});
const claims = (n: number) => Array.from({ length: n }, () => claim());
const statuses = (cs: { status: string; rule?: string }[]) =>
  cs.reduce<Record<string, number>>((acc, c) => {
    const key = c.rule ? `${c.status} ${c.rule}` : c.status;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

describe('policy fidelity over HTTP: seats held, policy validity, dates of a decision', () => {
  const dataDir = tempDataDir('fidelity-seats');
  let p1: LedgerProcess;
  let p2: LedgerProcess | undefined;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const schoolClerk = tokenFor('s-clerk', 'applicant', { schoolId: SCHOOL });
  const s: Record<string, any> = {};
  /** The last position a command answered: a refusal after it must write nothing. */
  let last = 0;

  const post = async (token: string, path: string, body: unknown) => {
    const r = await http.as(token).post(path, body);
    if (typeof r.body?.position === 'number') last = Math.max(last, r.body.position);
    return r;
  };
  const submit = (enterpriseId: string, submittedOn: string, cs: unknown[], via = http) =>
    via.as(reviewer).post('/v1/seat-applications', { enterpriseId, submittedOn, claims: cs });
  const expectNothingWritten = async () => {
    const after = await http.as(auditor).get(`/v1/audit/events?after=${last}&limit=10`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual([]);
  };

  beforeAll(async () => {
    p1 = await startLedger(dataDir);
    http = new LedgerClient(p1.baseUrl);
  });
  afterAll(async () => {
    await Promise.allSettled([p1?.stop(), p2?.stop()]);
  });

  it('given the reviewer, when four enterprises are registered, then each answers 201', async () => {
    for (const [creditCode, seats] of [
      [A, 300],
      [FULL, 200],
      [RACE, 200],
      [INSPECTED, 300],
    ] as const) {
      const r = await post(reviewer, '/v1/enterprises', {
        creditCode,
        name: `大同政策 ${creditCode.slice(-4)}`,
        industry: 'call',
        seats,
        registeredOn: '2022-12-01',
      });
      expect(r.status).toBe(201);
    }
  });

  describe('R-POL: something new only while a version is in force', () => {
    it('given any role, when GET /v1/policies, then datong-2022 shows its validity; in force on 2023-12-22, not on 2023-12-23', async () => {
      const r = await http.as(auditor).get('/v1/policies');
      expect(r.body.policies[0]).toMatchObject({
        id: 'datong-2022',
        validFrom: '2022-12-23',
        validTo: '2023-12-22',
      });
      expect((await http.as(auditor).get('/v1/policies?inForceOn=2023-12-22')).status).toBe(200);
      const after = await http.as(auditor).get('/v1/policies?inForceOn=2023-12-23');
      expect({ status: after.status, rule: after.body.rule }).toEqual({
        status: 422,
        rule: 'R-POL',
      });
    });

    it('given A, when seat applications are dated the day before, the first and last trial day and the day after, then only the trial days are accepted', async () => {
      for (const [submittedOn, status] of [
        ['2022-12-22', 422],
        ['2022-12-23', 201],
        ['2023-12-22', 201],
        ['2023-12-23', 422],
      ] as const) {
        const r = await post(applicantA, '/v1/seat-applications', {
          enterpriseId: A,
          submittedOn,
          claims: [claim('2021-01', submittedOn < '2023-01-01' ? 20 : 24)],
        });
        expect({ submittedOn, status: r.status, rule: r.body.rule }).toEqual({
          submittedOn,
          status,
          rule: status === 422 ? 'R-POL' : undefined,
        });
        if (status === 422) await expectNothingWritten();
        else s[`app-${submittedOn}`] = r.body;
      }
    });

    it('given A, when a site application and an effective-seat recognition are dated 2023-12-23, then each is refused naming R-POL', async () => {
      const site = await post(applicantA, '/v1/site-applications', {
        enterpriseId: A,
        kind: 'lease',
        submittedOn: '2023-12-23',
        premises: { address: '大同市 政策 有效期 1 号' },
        lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
      });
      expect({ status: site.status, rule: site.body.rule }).toEqual({ status: 422, rule: 'R-POL' });
      const seats = await post(reviewer, `/v1/enterprises/${A}/effective-seats`, {
        recognizedOn: '2023-12-23',
        seats: [{ seatRef: 'A-1', occupants: [claim('2022-12', 12)] }],
      });
      expect({ status: seats.status, rule: seats.body.rule }).toEqual({
        status: 422,
        rule: 'R-POL',
      });
      await expectNothingWritten();
    });

    it('given a school, when the 2023 cohort is filed in 2024 it is accepted; the 2024 cohort is refused naming R-POL', async () => {
      expect(
        (await post(reviewer, '/v1/schools', { schoolId: SCHOOL, name: '大同政策职院' })).status,
      ).toBe(201);
      const cohort = (year: number) => ({
        schoolId: SCHOOL,
        year,
        submittedOn: '2024-02-15',
        agreementRef: '产教融合协议',
        trainingBaseRef: '实训基地 1 号',
        interns: Array.from({ length: 50 }, () => ({
          personId: newPerson(),
          name: '实习生',
          level: 'higher',
          enterpriseId: A,
          employedMonths: months('2023-06', 6),
        })),
      });
      const late = await post(schoolClerk, '/v1/internship-applications', cohort(2024));
      expect({ status: late.status, rule: late.body.rule }).toEqual({ status: 422, rule: 'R-POL' });
      await expectNothingWritten();
      const ok = await post(schoolClerk, '/v1/internship-applications', cohort(2023));
      expect(ok.status).toBe(201);
    });

    it('given an application submitted on the last trial day, when its tranche 2 is approved and paid in 2024, then both go through: it keeps its schedule', async () => {
      const app = s['app-2023-12-22'];
      const claimId = app.claims[0].claimId;
      const id = app.applicationId;
      expect(
        (
          await post(reviewer, `/v1/seat-applications/${id}/review`, {
            decidedOn: '2023-12-22',
            decisions: [{ claimId, approve: true }],
          })
        ).status,
      ).toBe(200);
      const t1 = await post(finance, `/v1/seat-applications/${id}/tranches`, {
        tranche: 1,
        decidedOn: '2023-12-22',
      });
      expect(t1.status).toBe(201);
      const t2 = await post(finance, `/v1/seat-applications/${id}/tranches`, {
        tranche: 2,
        decidedOn: '2024-07-01',
      });
      expect(t2.status).toBe(201);
      expect(t2.body.included).toEqual([{ claimId, amountFen: 250_000 }]);
      const pub = await post(reviewer, '/v1/publicity', {
        trancheIds: [t2.body.trancheId],
        startsOn: '2024-07-02',
        endsOn: '2024-07-08',
      });
      expect(pub.status).toBe(201);
      const paid = await post(finance, `/v1/tranches/${t2.body.trancheId}/disbursements`, {
        paidOn: '2024-07-09',
        amountFen: 250_000,
        bankRef: 'POL-T2-2024',
      });
      expect(paid.status).toBe(201);
      s.t1 = t1.body.trancheId;
    });
  });

  describe('R-DATE: a decision is not dated before the fact it rests on', () => {
    it('given the application of 2022-12-23, when it is reviewed on 2022-12-22, then 422 R-DATE and nothing is written', async () => {
      const app = s['app-2022-12-23'];
      const r = await post(reviewer, `/v1/seat-applications/${app.applicationId}/review`, {
        decidedOn: '2022-12-22',
        decisions: [{ claimId: app.claims[0].claimId, approve: true }],
      });
      expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-DATE' });
      expect(r.body.message).toContain('2022-12-23');
      await expectNothingWritten();
      expect(
        (
          await post(reviewer, `/v1/seat-applications/${app.applicationId}/review`, {
            decidedOn: '2023-01-10',
            decisions: [{ claimId: app.claims[0].claimId, approve: true }],
          })
        ).status,
      ).toBe(200);
    });

    it('given its claim approved on 2023-01-10, when tranche 1 is decided on 2023-01-09, then 422 R-DATE and nothing is written', async () => {
      const id = s['app-2022-12-23'].applicationId;
      const r = await post(finance, `/v1/seat-applications/${id}/tranches`, {
        tranche: 1,
        decidedOn: '2023-01-09',
      });
      expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-DATE' });
      await expectNothingWritten();
      const ok = await post(finance, `/v1/seat-applications/${id}/tranches`, {
        tranche: 1,
        decidedOn: '2023-01-10',
      });
      expect(ok.status).toBe(201);
      s.early = ok.body.trancheId;
    });

    it('given that tranche approved on 2023-01-10, when a notice would start on 2023-01-09, then 422 R-DATE and nothing is written', async () => {
      const r = await post(reviewer, '/v1/publicity', {
        trancheIds: [s.early],
        startsOn: '2023-01-09',
        endsOn: '2023-01-16',
      });
      expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-DATE' });
      await expectNothingWritten();
      expect(
        (
          await post(reviewer, '/v1/publicity', {
            trancheIds: [s.early],
            startsOn: '2023-01-10',
            endsOn: '2023-01-16',
          })
        ).status,
      ).toBe(201);
    });

    it('given a notice whose last day is 2023-01-16, when paid on 2023-01-16, then 422 R-DATE and nothing is written; on 2023-01-17 it is paid', async () => {
      const pay = (paidOn: string) =>
        post(finance, `/v1/tranches/${s.early}/disbursements`, {
          paidOn,
          amountFen: 250_000,
          bankRef: 'R-DATE-PAY-1',
        });
      const early = await pay('2023-01-16');
      expect({ status: early.status, rule: early.body.rule }).toEqual({
        status: 422,
        rule: 'R-DATE',
      });
      await expectNothingWritten();
      expect((await pay('2023-01-17')).status).toBe(201);
    });

    it('given a case opened on 2023-02-01, when a finding is dated 2023-01-31, then 422 R-DATE and nothing is written', async () => {
      const opened = await post(supervisor, '/v1/cases', {
        enterpriseId: A,
        openedOn: '2023-02-01',
        reason: 'spot check',
        suspend: false,
      });
      expect(opened.status).toBe(201);
      const r = await post(supervisor, `/v1/cases/${opened.body.caseId}/findings`, {
        foundOn: '2023-01-31',
        falseClaimIds: [s['app-2022-12-23'].claims[0].claimId],
        note: 'no such employee',
      });
      expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-DATE' });
      await expectNothingWritten();
    });
  });

  describe('R-SEAT-8: claims held open never exceed the seats', () => {
    it('given 200 seats, when one application asks for 201 claims, then the 201st is refused naming R-SEAT-8, and so is a claim in a second application', async () => {
      const r = await submit(FULL, '2023-03-01', claims(201));
      expect(r.status).toBe(201);
      expect(statuses(r.body.claims)).toEqual({ submitted: 200, 'refused R-SEAT-8': 1 });
      expect(r.body.claims[200]).toMatchObject({
        status: 'refused',
        rule: 'R-SEAT-8',
        reason: expect.stringContaining('200 seats'),
      });
      const second = await submit(FULL, '2023-03-02', claims(1));
      expect(statuses(second.body.claims)).toEqual({ 'refused R-SEAT-8': 1 });
      s.full = r.body;
    });

    it('given all 200 seats held, when the review rejects one claim, then its seat takes a new claim', async () => {
      const { applicationId, claims: held } = s.full;
      const review = await http.as(reviewer).post(`/v1/seat-applications/${applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: [{ claimId: held[0].claimId, approve: false, reason: 'left in 2022' }],
      });
      expect(review.status).toBe(200);
      const next = await submit(FULL, '2023-03-06', claims(2));
      expect(statuses(next.body.claims)).toEqual({ submitted: 1, 'refused R-SEAT-8': 1 });
    });

    it('given two API processes on one data directory, when four applications of 60 claims race through both, then exactly 200 claims hold a seat', async () => {
      p2 = await startLedger(dataDir);
      const http2 = new LedgerClient(p2.baseUrl);
      const answers = await Promise.all(
        [0, 1, 2, 3].map((i) => submit(RACE, '2023-04-01', claims(60), i % 2 === 0 ? http : http2)),
      );
      for (const a of answers) expect(a.status).toBe(201);
      expect(statuses(answers.flatMap((a) => a.body.claims))).toEqual({
        submitted: 200,
        'refused R-SEAT-8': 40,
      });
    });

    it('given POST /v1/enterprises/:id/seat-counts, when called by the wrong role, for an unknown enterprise or with a bad count, then 403, 404 and 400', async () => {
      const body = { verifiedOn: '2023-07-01', seats: 150, inspectionRef: 'INS-2023-07' };
      expect(
        (await http.as(finance).post(`/v1/enterprises/${INSPECTED}/seat-counts`, body)).status,
      ).toBe(403);
      expect(
        (await http.as(applicantA).post(`/v1/enterprises/${A}/seat-counts`, body)).status,
      ).toBe(403);
      expect(
        (await http.as(reviewer).post(`/v1/enterprises/${makeCreditCode(4343)}/seat-counts`, body))
          .status,
      ).toBe(404);
      const bad = await http.as(reviewer).post(`/v1/enterprises/${INSPECTED}/seat-counts`, {
        ...body,
        seats: -1,
      });
      expect(bad.status).toBe(400);
      const future = await http.as(reviewer).post(`/v1/enterprises/${INSPECTED}/seat-counts`, {
        ...body,
        verifiedOn: '2999-01-01',
      });
      expect(future.status).toBe(400);
    });

    it('given 300 declared seats, when an inspection records 150 from 2023-07-01, then 201 {position}; it governs from that date (R-SEAT-1 refuses the next application) but not before; the same inspection again is 409', async () => {
      const body = { verifiedOn: '2023-07-01', seats: 150, inspectionRef: 'INS-2023-07' };
      const r = await post(reviewer, `/v1/enterprises/${INSPECTED}/seat-counts`, body);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ position: expect.any(Number) });
      expect((await post(reviewer, `/v1/enterprises/${INSPECTED}/seat-counts`, body)).status).toBe(
        409,
      );
      const before = await submit(INSPECTED, '2023-06-30', claims(1));
      expect(statuses(before.body.claims)).toEqual({ submitted: 1 });
      const after = await submit(INSPECTED, '2023-07-01', claims(1));
      expect({ status: after.status, rule: after.body.rule }).toEqual({
        status: 422,
        rule: 'R-SEAT-1',
      });
    });
  });

  it('given the whole story on disk, when the built CLI verifies it, then hash chains, invariants (R-SEAT-8, R-POL included) and read models hold', async () => {
    await Promise.all([p1.stop(), p2?.stop()]);
    expectLedgerVerifies(dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
