import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Issue #13 end to end on the built API (SQLite): every work list pages
 * without gaps or repeats, filters, narrows an applicant to its own
 * enterprise, bounds `limit` and refuses a cursor it did not give.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(13001);
const B = makeCreditCode(13002);
const C = makeCreditCode(13003);
const S = makeCreditCode(13004);
const MONTHS = ['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02'];
let personSeq = 0;
const person = () => makeResidentId('140202', '19900101', 300 + personSeq++);

afterAll(() => removeTempDataDirs());

describe('work lists end to end', () => {
  const dataDir = tempDataDir('work-lists');
  let ledger: LedgerProcess | undefined;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const auditor = tokenFor('al', 'auditor');
  const supervisor = tokenFor('sue', 'supervisor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const applicantS = tokenFor('s-clerk', 'applicant', { schoolId: S });
  const apps: Record<string, string[]> = { [A]: [], [B]: [] };
  const state: Record<string, any> = {};

  /** Every page of a list, following `nextCursor`; fails on a repeat. */
  async function allPages(token: string, path: string, limit: number) {
    const ids: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { status: number; body: any } = await http.as(token).get(url);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor !== null);
    return { items: ids, pages };
  }

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
    for (const [id, name] of [
      [A, '大同甲呼叫有限公司'],
      [B, '大同乙标注有限公司'],
      [C, '朔州丙呼叫有限公司'],
    ]) {
      const r = await http.as(reviewer).post('/v1/enterprises', {
        creditCode: id,
        name,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
    }
    expect(
      (await http.as(reviewer).post('/v1/schools', { schoolId: S, name: '大同职业技术学院' }))
        .status,
    ).toBe(201);
    // Five seat applications: three of A, two of B, interleaved.
    for (const enterpriseId of [A, B, A, B, A]) {
      const sub = await http.as(reviewer).post('/v1/seat-applications', {
        enterpriseId,
        submittedOn: '2023-03-01',
        claims: [0, 1].map((i) => ({
          personId: person(),
          name: ['张三', '李四'][i],
          wageMonths: MONTHS,
          insuranceMonths: MONTHS,
        })),
      });
      expect(sub.status).toBe(201);
      apps[enterpriseId].push(sub.body.applicationId);
    }
    // A's first application: reviewed, tranche 1 approved, on a notice, paid.
    // A's second: reviewed, tranche 1 approved, on a notice still running on 2023-03-15.
    // B's first: reviewed, tranche 1 approved, on no notice.
    const approve = async (app: string) => {
      const view = await http.as(reviewer).get(`/v1/seat-applications/${app}`);
      await http.as(reviewer).post(`/v1/seat-applications/${app}/review`, {
        decidedOn: '2023-03-05',
        decisions: view.body.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
      });
      const t = await http
        .as(finance)
        .post(`/v1/seat-applications/${app}/tranches`, { tranche: 1, decidedOn: '2023-03-06' });
      expect([t.status, t.body.message]).toEqual([201, undefined]);
      return t.body.trancheId as string;
    };
    state.paid = await approve(apps[A][0]);
    state.running = await approve(apps[A][1]);
    state.approved = await approve(apps[B][0]);
    const ended = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.paid],
      startsOn: '2023-03-07',
      endsOn: '2023-03-13',
    });
    expect(ended.status).toBe(201);
    state.endedNotice = ended.body.publicityId;
    const running = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [state.running],
      startsOn: '2023-03-10',
      endsOn: '2023-03-16',
    });
    expect(running.status).toBe(201);
    state.runningNotice = running.body.publicityId;
    const paid = await http.as(finance).post(`/v1/tranches/${state.paid}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 500_000,
      bankRef: 'WL-0001',
    });
    expect(paid.status).toBe(201);
    const opened = await http.as(supervisor).post('/v1/cases', {
      enterpriseId: C,
      openedOn: '2023-04-01',
      reason: 'spot check',
      suspend: true,
    });
    expect(opened.status).toBe(201);
    state.case = opened.body.caseId;
    state.position = opened.body.position;
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it('given five seat applications, when paged two at a time, then every one comes once, in submission order, and the last page says so', async () => {
    const { items, pages } = await allPages(reviewer, '/v1/seat-applications', 2);
    expect(pages).toBe(3);
    expect(items.map((i: any) => i.applicationId)).toEqual([
      apps[A][0],
      apps[B][0],
      apps[A][1],
      apps[B][1],
      apps[A][2],
    ]);
    const all = await http.as(reviewer).get('/v1/seat-applications?limit=5');
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toEqual({
      applicationId: apps[A][0],
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claimCount: 2,
      status: 'partly-paid',
      reviewedOn: '2023-03-05',
      tranchesApproved: [1],
      tranchesPaid: [1],
      approvedFen: 500_000,
      paidFen: 500_000,
    });
  });

  it('given the applications, when filtered by status and enterprise, then only those answer, paged', async () => {
    const reviewed = await allPages(finance, '/v1/seat-applications?status=reviewed', 1);
    expect(reviewed.items.map((i: any) => i.applicationId)).toEqual([apps[B][0], apps[A][1]]);
    const ofA = await allPages(auditor, `/v1/seat-applications?enterpriseId=${A}`, 2);
    expect(ofA.items.map((i: any) => i.applicationId)).toEqual(apps[A]);
    const submittedOfA = await http
      .as(auditor)
      .get(`/v1/seat-applications?enterpriseId=${A}&status=submitted`);
    expect(submittedOfA.body).toEqual({
      items: [expect.objectContaining({ applicationId: apps[A][2], status: 'submitted' })],
      nextCursor: null,
    });
  });

  it('given an applicant, when it lists applications, then it sees its own enterprise only and another is 403', async () => {
    const own = await allPages(applicantA, '/v1/seat-applications', 2);
    expect(own.items.map((i: any) => i.enterpriseId)).toEqual([A, A, A]);
    expect((await http.as(applicantA).get(`/v1/seat-applications?enterpriseId=${B}`)).status).toBe(
      403,
    );
    expect((await http.as(applicantA).get(`/v1/site-applications?enterpriseId=${B}`)).status).toBe(
      403,
    );
    expect((await http.as(applicantS).get('/v1/internship-applications')).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(
      (await http.as(applicantS).get(`/v1/internship-applications?schoolId=${A}`)).status,
    ).toBe(403);
    expect((await http.as(applicantA).get('/v1/tranches')).status).toBe(403);
    expect((await http.as(applicantA).get('/v1/enterprises')).status).toBe(403);
    expect((await http.as(reviewer).get('/v1/cases')).status).toBe(403);
  });

  it('given a lease application, when site applications are listed, then it is submitted, and its enterprise sees it', async () => {
    const site = await http.as(applicantA).post('/v1/site-applications', {
      enterpriseId: A,
      kind: 'lease',
      submittedOn: '2023-03-01',
      premises: { address: '大同市平城区魏都大道 13 号' },
      lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
    });
    expect([site.status, site.body.message]).toEqual([201, undefined]);
    const expected = {
      items: [
        expect.objectContaining({
          applicationId: site.body.applicationId,
          enterpriseId: A,
          kind: 'lease',
          status: 'submitted',
          address: '大同市平城区魏都大道 13 号',
        }),
      ],
      nextCursor: null,
    };
    const q = `minPosition=${site.body.position}`;
    expect((await http.as(applicantA).get(`/v1/site-applications?${q}`)).body).toEqual(expected);
    expect(
      (await http.as(reviewer).get(`/v1/site-applications?status=submitted&${q}`)).body,
    ).toEqual(expected);
    expect(
      (await http.as(reviewer).get(`/v1/site-applications?enterpriseId=${B}&${q}`)).body,
    ).toEqual({ items: [], nextCursor: null });
  });

  it('given bad paging, when a list is asked, then limit outside 1..500 and a cursor it did not give are 400', async () => {
    for (const limit of ['0', '501', '-1', '2.5', 'x']) {
      const r = await http.as(reviewer).get(`/v1/seat-applications?limit=${limit}`);
      expect(r.status).toBe(400);
    }
    expect((await http.as(reviewer).get('/v1/seat-applications?limit=500')).status).toBe(200);
    const first = await http.as(reviewer).get('/v1/seat-applications?limit=1');
    const cursor: string = first.body.nextCursor;
    const forged = Buffer.from(JSON.stringify(['work_list_seat_application~', 'no tab'])).toString(
      'base64url',
    );
    const otherList = Buffer.from(
      JSON.stringify(['work_list_seat_application~status=paid', '1\tx']),
    ).toString('base64url');
    for (const bad of ['%%%', 'abc', forged, otherList, `${cursor.slice(0, -2)}`, '_'.repeat(40)]) {
      const r = await http
        .as(reviewer)
        .get(`/v1/seat-applications?cursor=${encodeURIComponent(bad)}`);
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.body.message).toMatch(/cursor/);
    }
    const zh = await http
      .as(reviewer)
      .request('GET', '/v1/seat-applications?cursor=abc', undefined, {
        'accept-language': 'zh-CN',
      });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toContain('游标');
    // A cursor is bound to its filters.
    const moved = await http
      .as(reviewer)
      .get(`/v1/seat-applications?status=submitted&cursor=${cursor}`);
    expect(moved.status).toBe(400);
    for (const path of ['/v1/tranches', '/v1/publicity', '/v1/cases', '/v1/enterprises']) {
      expect((await http.as(auditor).get(`${path}?cursor=${cursor}`)).status).toBe(400);
      expect((await http.as(auditor).get(`${path}?limit=501`)).status).toBe(400);
    }
  });

  it('given tranches paid, on a notice and approved, when finance lists them by status as of a date, then payable is the notice that ended and not paid', async () => {
    const list = (q: string) => http.as(finance).get(`/v1/tranches?${q}`);
    const all = await allPages(finance, '/v1/tranches?asOf=2023-03-15', 1);
    expect(all.items.map((t: any) => [t.trancheId, t.status])).toEqual([
      [state.paid, 'paid'],
      [state.running, 'in-publicity'],
      [state.approved, 'approved'],
    ]);
    expect(all.items[0]).toEqual({
      trancheId: state.paid,
      applicationId: apps[A][0],
      programme: 'seat',
      tranche: 1,
      payee: { kind: 'enterprise', id: A, name: '大同甲呼叫有限公司' },
      enterpriseId: A,
      schoolId: null,
      amountFen: 500_000,
      status: 'paid',
      approvedOn: '2023-03-06',
      publicity: { noticeId: state.endedNotice, startsOn: '2023-03-07', endsOn: '2023-03-13' },
      paidOn: '2023-03-20',
      bankRef: 'WL-0001',
      disbursementId: expect.any(String),
      foundFalse: false,
      // Issue #14: the bank cycle's fields (disbursement-returns.e2e.spec.ts exercises them).
      batch: null,
      lastReturn: null,
      heldByObjection: false,
    });
    const ids = async (q: string) => (await list(q)).body.items.map((t: any) => t.trancheId);
    expect(await ids('status=payable&asOf=2023-03-15')).toEqual([]);
    expect(await ids('status=in-publicity&asOf=2023-03-15')).toEqual([state.running]);
    expect(await ids('status=in-publicity&asOf=2023-03-16')).toEqual([state.running]);
    expect(await ids('status=payable&asOf=2023-03-17')).toEqual([state.running]);
    expect(await ids('status=approved')).toEqual([state.approved]);
    expect(await ids('status=paid&programme=seat')).toEqual([state.paid]);
    expect(await ids(`status=payable&asOf=2023-03-17&enterpriseId=${B}`)).toEqual([]);
    expect(await ids(`enterpriseId=${A}&programme=seat`)).toEqual([state.paid, state.running]);
    expect(await ids('programme=internship')).toEqual([]);
    expect(await ids('status=in-batch')).toEqual([]);
    expect(await ids('status=returned')).toEqual([]);
    expect((await list('status=owed')).status).toBe(400);
    expect((await list('programme=bridge')).status).toBe(400);
    expect((await list('asOf=2023-02-30')).status).toBe(400);
    expect((await list('enterpriseId=123')).status).toBe(400);
  });

  it('given two notices, when listed open or ended as of a date, then the one whose last day passed is ended', async () => {
    const ids = async (q: string) =>
      (await http.as(reviewer).get(`/v1/publicity?${q}`)).body.items.map((p: any) => [
        p.publicityId,
        p.status,
      ]);
    expect(await ids('asOf=2023-03-15')).toEqual([
      [state.endedNotice, 'ended'],
      [state.runningNotice, 'open'],
    ]);
    expect(await ids('status=open&asOf=2023-03-15')).toEqual([[state.runningNotice, 'open']]);
    expect(await ids('status=ended&asOf=2023-03-15')).toEqual([[state.endedNotice, 'ended']]);
    expect(await ids('status=ended&asOf=2023-03-17')).toHaveLength(2);
    const page = await http.as(reviewer).get('/v1/publicity?limit=1&asOf=2023-03-15');
    expect(page.body.items[0]).toMatchObject({ trancheIds: [state.paid], totalFen: 500_000 });
    expect(page.body.nextCursor).not.toBeNull();
  });

  it('given a case, when supervisors list cases and reviewers enterprises, then the case and the suspension show', async () => {
    const cases = await http
      .as(supervisor)
      .get(`/v1/cases?status=open&minPosition=${state.position}`);
    expect(cases.body).toEqual({
      items: [
        expect.objectContaining({
          caseId: state.case,
          enterpriseId: C,
          partyName: '朔州丙呼叫有限公司',
          status: 'open',
          suspend: true,
        }),
      ],
      nextCursor: null,
    });
    expect((await http.as(finance).get('/v1/cases?status=closed')).body.items).toEqual([]);
    expect((await http.as(auditor).get(`/v1/cases?enterpriseId=${A}`)).body.items).toEqual([]);
    const names = async (q: string) =>
      (await http.as(reviewer).get(`/v1/enterprises?${q}`)).body.items.map((e: any) => e.name);
    expect(await names('')).toEqual([
      '大同甲呼叫有限公司',
      '大同乙标注有限公司',
      '朔州丙呼叫有限公司',
    ]);
    expect(await names('suspended=true')).toEqual(['朔州丙呼叫有限公司']);
    expect(await names('suspended=false&q=大同')).toEqual([
      '大同甲呼叫有限公司',
      '大同乙标注有限公司',
    ]);
    expect(await names(`q=${B.toLowerCase()}`)).toEqual(['大同乙标注有限公司']);
    expect(await names('q=呼叫&limit=1')).toEqual(['大同甲呼叫有限公司']);
    const paged = await allPages(reviewer, '/v1/enterprises?q=呼叫', 1);
    expect(paged.items.map((e: any) => e.enterpriseId)).toEqual([A, C]);
    expect((await http.as(reviewer).get('/v1/enterprises?suspended=maybe')).status).toBe(400);
  });

  it('given the log, when auditors filter audit events by stream, enterprise, type and recorded time, then only those come, in order', async () => {
    // The work-list form: every page `{items, nextCursor}`, walked to the end.
    const events = async (q: string) => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; body: any } = await http
          .as(auditor)
          .get(`/v1/audit/events?${q}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(Object.keys(r.body).sort()).toEqual(['items', 'nextCursor']);
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
      } while (cursor !== null);
      return items;
    };
    const everything = (await http.as(auditor).get('/v1/audit/events?limit=1000')).body as any[];
    const ofB = await events(`enterpriseId=${B}&limit=2`);
    expect(ofB.map((e) => e.position)).toEqual(
      everything.filter((e) => e.data.enterpriseId === B).map((e) => e.position),
    );
    expect(ofB.length).toBeGreaterThan(3);
    const stream = await events(`stream=enterprise-${C}`);
    expect(stream.map((e) => e.stream)).toEqual(stream.map(() => `enterprise-${C}`));
    expect(stream[0].type).toBe('EnterpriseRegistered');
    const registered = await http
      .as(auditor)
      .get('/v1/audit/events?type=EnterpriseRegistered&limit=2');
    expect(registered.body.items.map((e: any) => e.data.enterpriseId)).toEqual([A, B]);
    const next = await http
      .as(auditor)
      .get(
        `/v1/audit/events?type=EnterpriseRegistered&limit=2&cursor=${registered.body.nextCursor}`,
      );
    expect(next.body).toEqual({
      items: [expect.objectContaining({ type: 'EnterpriseRegistered' })],
      nextCursor: null,
    });
    expect(next.body.items[0].data.enterpriseId).toBe(C);
    // A cursor is bound to its filters: with others it is refused, not read as something else.
    const reused = await http
      .as(auditor)
      .get(`/v1/audit/events?type=TrancheApproved&cursor=${registered.body.nextCursor}`);
    expect(reused.status).toBe(400);
    expect(JSON.stringify(reused.body)).toContain('cursor');
    const both = await events(`type=TrancheApproved&enterpriseId=${A}`);
    expect(both.map((e) => e.data.trancheId)).toEqual([state.paid, state.running]);
    const middle = everything[Math.floor(everything.length / 2)];
    const from = await events(`fromRecorded=${encodeURIComponent(middle.recordedAt)}&limit=7`);
    expect(from.every((e) => e.recordedAt >= middle.recordedAt)).toBe(true);
    expect(from.map((e) => e.position)).toContain(middle.position);
    expect(from.map((e) => e.position)).toEqual(
      everything.filter((e) => e.recordedAt >= middle.recordedAt).map((e) => e.position),
    );
    const to = await events(
      `toRecorded=${encodeURIComponent(middle.recordedAt)}&stream=enterprise-${A}&limit=3`,
    );
    expect(
      to.every((e) => e.recordedAt <= middle.recordedAt && e.stream === `enterprise-${A}`),
    ).toBe(true);
    // The page form's limits are the work lists'; `after` starts a walk, the cursor goes on.
    const first = await http.as(auditor).get('/v1/audit/events?type=EnterpriseRegistered&limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const cursor = first.body.nextCursor as string;
    for (const query of [
      'stream=x&limit=501',
      `type=EnterpriseRegistered&limit=1&after=3&cursor=${cursor}`,
      'cursor=abc',
    ]) {
      const r = await http.as(auditor).get(`/v1/audit/events?${query}`);
      expect([query, r.status]).toEqual([query, 400]);
    }
    expect((await http.as(auditor).get('/v1/audit/events?fromRecorded=yesterday')).status).toBe(
      400,
    );
    expect((await http.as(auditor).get('/v1/audit/events?enterpriseId=x')).status).toBe(400);
  });
});
