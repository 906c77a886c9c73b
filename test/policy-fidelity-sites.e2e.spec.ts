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
 * Issue #11 points 3-6 over real HTTP against the built API on a real
 * SQLite file, as a reviewer, finance officer and school would walk them:
 * standing checks before a site tranche (R-SITE-COND); a lease filed in its
 * second lease year paid for its years in any order, each on the effective
 * seats recognised for it (R-SITE-LEASE); a retained intern's employer
 * registered, and two schools listing the same persons at once, each person
 * rewarded once (R-INT); a notice stating every entry's programme and
 * standard, where it is posted, and ID numbers in objections masked (R-PUB);
 * then `ledger verify`. Steps depend on each other, in order.
 */
jest.setTimeout(180_000);

const E = makeCreditCode(9101);
const SCHOOL_X = makeCreditCode(9102);
const SCHOOL_Y = makeCreditCode(9103);
const UNREGISTERED = makeCreditCode(9104);
const P = (n: number) => makeResidentId('140202', '19960606', n);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

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
const seat = (n: number, from: string) => ({
  seatRef: `E-${n}`,
  occupants: [
    {
      personId: P(n),
      name: `坐席员${n}`,
      wageMonths: months(from, 12),
      insuranceMonths: months(from, 12),
    },
  ],
});

describe('policy fidelity for site subsidies, internship rewards and notices, over HTTP', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const applicant = tokenFor('e-clerk', 'applicant', { enterpriseId: E });
  const schoolX = tokenFor('x-clerk', 'applicant', { schoolId: SCHOOL_X });
  const schoolY = tokenFor('y-clerk', 'applicant', { schoolId: SCHOOL_Y });
  const s: Record<string, any> = {};

  const post = async (token: string, path: string, body: unknown) => {
    const r = await http.as(token).post(path, body);
    if (typeof r.body?.position === 'number') s.position = r.body.position;
    return r;
  };
  const notice = (publicityId: string) =>
    http.get(`/v1/publicity/${publicityId}?minPosition=${s.position ?? 0}`);
  const check = (checkedOn: string, over: Record<string, unknown> = {}) =>
    post(reviewer, `/v1/enterprises/${E}/standing-checks`, {
      checkedOn,
      normalOperation: true,
      badCreditRecord: false,
      source: '信用中国',
      ...over,
    });

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('fidelity-sites'));
    http = new LedgerClient(ledger.baseUrl);
    const r = await post(reviewer, '/v1/enterprises', {
      creditCode: E,
      name: '大同标注科技',
      industry: 'annotation',
      seats: 300,
      registeredOn: '2022-12-24',
    });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it('given a renovation and no standing check, when finance approves its tranche, then 422 R-SITE-COND; a bad check on or before the date still 422; a good one later lets it through', async () => {
    const reno = await post(applicant, '/v1/site-applications', {
      enterpriseId: E,
      kind: 'renovation',
      submittedOn: '2023-04-01',
      premises: { address: '大同市 标注 旧厂房' },
      investmentFen: 100_000_000,
      auditRef: 'AUD-2023-9',
      completedOn: '2023-03-25',
    });
    expect(reno.status).toBe(201);
    s.reno = reno.body.applicationId;
    const approve = () =>
      post(finance, `/v1/site-applications/${s.reno}/tranches`, { decidedOn: '2023-04-10' });
    const none = await approve();
    expect({ status: none.status, rule: none.body.rule }).toEqual({
      status: 422,
      rule: 'R-SITE-COND',
    });

    expect(
      (
        await post(applicant, `/v1/enterprises/${E}/standing-checks`, {
          checkedOn: '2023-04-02',
          normalOperation: true,
          badCreditRecord: false,
          source: '信用中国',
        })
      ).status,
    ).toBe(403);
    const noSource = await check('2023-04-02', { source: undefined });
    expect(noSource.status).toBe(400);
    expect(noSource.body.details.map((d: any) => d.field)).toEqual(['source']);

    const bad = await check('2023-04-02', {
      badCreditRecord: true,
      source: '信用中国 失信被执行人',
    });
    expect(bad.status).toBe(201);
    expect(bad.body).toEqual({ checkId: expect.any(String), position: expect.any(Number) });
    const refused = await approve();
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 422,
      rule: 'R-SITE-COND',
    });
    expect(refused.body.message).toContain('a bad credit record');

    expect((await check('2023-04-08', { source: '市场监管登记' })).status).toBe(201);
    const ok = await approve();
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ trancheId: `${s.reno}.r`, amountFen: 30_000_000 });
    s.renoTranche = ok.body.trancheId;
  });

  it("given a lease from 2022-01-01 filed in its second year and rosters of 3 seats for 2022 and 5 for 2023, when years 2 and 1 are approved in 2024 in that order, then each pays its own year's count; a repeat or a year not begun is 422 R-SITE-LEASE", async () => {
    for (const [recognizedOn, persons, from] of [
      ['2022-12-28', [1, 2, 3], '2022-01'],
      ['2023-12-20', [11, 12, 13, 14, 15], '2023-01'],
    ] as const) {
      const r = await post(reviewer, `/v1/enterprises/${E}/effective-seats`, {
        recognizedOn,
        seats: persons.map((n) => seat(n, from)),
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ recognized: persons.length, refused: [] });
    }
    const lease = await post(applicant, '/v1/site-applications', {
      enterpriseId: E,
      kind: 'lease',
      submittedOn: '2023-02-01',
      premises: { address: '大同市 标注 租赁楼 3 层' },
      lease: { startsOn: '2022-01-01', endsOn: '2026-12-31' },
    });
    expect(lease.status).toBe(201);
    s.lease = lease.body.applicationId;
    const year = (y: number, decidedOn: string) =>
      post(finance, `/v1/site-applications/${s.lease}/tranches`, { year: y, decidedOn });

    const y2 = await year(2, '2024-01-10');
    expect(y2.status).toBe(201);
    expect(y2.body).toMatchObject({ year: 2, effectiveSeats: 5, seats: 5, amountFen: 1_250_000 });
    const y1 = await year(1, '2024-01-11');
    expect(y1.status).toBe(201);
    expect(y1.body).toMatchObject({ year: 1, effectiveSeats: 3, seats: 3, amountFen: 750_000 });
    s.y1 = y1.body.trancheId;
    s.y2 = y2.body.trancheId;
    for (const [y, decidedOn] of [
      [1, '2024-01-12'],
      [4, '2024-01-12'],
    ] as const) {
      const r = await year(y, decidedOn);
      expect({ status: r.status, rule: r.body.rule }).toEqual({
        status: 422,
        rule: 'R-SITE-LEASE',
      });
    }
  });

  it('given a seat tranche published without publishedAt (an older client), when the notice is read, then its entries still name programme seat and 坐席补贴 2,500元/席/次', async () => {
    const app = await post(applicant, '/v1/seat-applications', {
      enterpriseId: E,
      submittedOn: '2023-03-01',
      claims: [
        {
          personId: P(30),
          name: '张三',
          wageMonths: ['2023-01', '2023-02'],
          insuranceMonths: ['2023-01', '2023-02'],
        },
      ],
    });
    expect(app.status).toBe(201);
    const applicationId = app.body.applicationId;
    const claimId = app.body.claims[0].claimId;
    expect(
      (
        await post(reviewer, `/v1/seat-applications/${applicationId}/review`, {
          decidedOn: '2023-03-05',
          decisions: [{ claimId, approve: true }],
        })
      ).status,
    ).toBe(200);
    const t = await post(finance, `/v1/seat-applications/${applicationId}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(t.status).toBe(201);
    const pub = await post(reviewer, '/v1/publicity', {
      trancheIds: [t.body.trancheId],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(pub.status).toBe(201);
    const r = await notice(pub.body.publicityId);
    expect(r.body.publishedAt).toBeUndefined();
    expect(r.body.entries).toEqual([
      {
        trancheId: t.body.trancheId,
        claimId,
        programme: 'seat',
        enterpriseName: '大同标注科技',
        personName: '张三',
        personIdMasked: masked(P(30)),
        standard: { text: '坐席补贴 2,500元/席/次', rateFen: 250_000, unit: '席/次' },
        amountFen: 250_000,
      },
    ]);
  });

  it('given the renovation and lease years 1 and 2, when one notice lists them with where it is posted, then each entry states its programme and standard; ID numbers in an objection and its reason are masked', async () => {
    const pub = await post(reviewer, '/v1/publicity', {
      trancheIds: [s.renoTranche, s.y1, s.y2],
      startsOn: '2024-01-13',
      endsOn: '2024-01-19',
      publishedAt: 'https://www.dt.gov.cn/szzx/gsgg/2024/0113.html',
    });
    expect(pub.status).toBe(201);
    s.publicity = pub.body.publicityId;
    const objection = await post(reviewer, `/v1/publicity/${s.publicity}/objections`, {
      raisedOn: '2024-01-14',
      text: `举报人称 ${P(11)} 已于 2023 年离职`,
    });
    expect(objection.status).toBe(201);
    const resolved = await post(
      reviewer,
      `/v1/publicity/${s.publicity}/objections/${objection.body.objectionId}/resolution`,
      { resolvedOn: '2024-01-15', upheld: false, reason: `经核实 ${P(11)} 全年在岗` },
    );
    expect(resolved.status).toBe(200);

    const r = await notice(s.publicity);
    expect(r.status).toBe(200);
    expect(r.body.publishedAt).toBe('https://www.dt.gov.cn/szzx/gsgg/2024/0113.html');
    expect(r.body.entries).toEqual([
      {
        trancheId: s.renoTranche,
        claimId: s.renoTranche,
        programme: 'siteRenovation',
        enterpriseName: '大同标注科技',
        standard: {
          text: '场地改造补贴 改造投资额的30%，最高5,000,000元',
          rateBasisPoints: 3_000,
          capFen: 500_000_000,
          unit: '改造投资额',
        },
        amountFen: 30_000_000,
      },
      {
        trancheId: s.y1,
        claimId: s.y1,
        programme: 'siteLease',
        enterpriseName: '大同标注科技',
        standard: {
          text: '场地租赁补贴 2,500元/有效席位/年',
          rateFen: 250_000,
          unit: '有效席位/年',
        },
        amountFen: 750_000,
      },
      {
        trancheId: s.y2,
        claimId: s.y2,
        programme: 'siteLease',
        enterpriseName: '大同标注科技',
        standard: {
          text: '场地租赁补贴 2,500元/有效席位/年',
          rateFen: 250_000,
          unit: '有效席位/年',
        },
        amountFen: 1_250_000,
      },
    ]);
    expect(r.body.objections).toEqual([
      expect.objectContaining({
        text: `举报人称 ${masked(P(11))} 已于 2023 年离职`,
        status: 'dismissed',
        reason: `经核实 ${masked(P(11))} 全年在岗`,
      }),
    ]);
    expect(JSON.stringify(r.body)).not.toContain(P(11));
    const paid = await post(finance, `/v1/tranches/${s.y1}/disbursements`, {
      paidOn: '2024-01-20',
      amountFen: 750_000,
      bankRef: 'BANK-FIDELITY-Y1',
    });
    expect(paid.status).toBe(201);
  });

  describe('internship rewards (R-INT)', () => {
    const interns = (from: number, count: number, enterpriseId = E) =>
      Array.from({ length: count }, (_, i) => ({
        personId: P(100 + from + i),
        name: `实习生${from + i}`,
        level: 'higher',
        enterpriseId,
        employedMonths: months('2023-07', 6),
      }));
    const application = (schoolId: string, list: unknown[]) => ({
      schoolId,
      year: 2023,
      submittedOn: '2024-01-15',
      agreementRef: '校企合作协议 2023',
      trainingBaseRef: '数据标注实训基地',
      interns: list,
    });

    beforeAll(async () => {
      for (const schoolId of [SCHOOL_X, SCHOOL_Y]) {
        const r = await post(reviewer, '/v1/schools', {
          schoolId,
          name: schoolId === SCHOOL_X ? '大同职业技术学院' : '大同信息学院',
          registeredOn: '2023-01-05',
        });
        expect(r.status).toBe(201);
      }
    });

    it('given a retained intern employed by an enterprise that is not registered, when the school applies, then 422 R-INT naming the intern by index and masked ID only', async () => {
      const r = await post(
        schoolX,
        '/v1/internship-applications',
        application(SCHOOL_X, [...interns(0, 49), ...interns(49, 1, UNREGISTERED)]),
      );
      expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-INT' });
      expect(r.body.details).toEqual({
        unregisteredEmployers: [
          { intern: 49, personIdMasked: masked(P(149)), enterpriseId: UNREGISTERED },
        ],
      });
      expect(JSON.stringify(r.body)).not.toContain(P(149));
    });

    it('given two schools listing the same 50 persons, when both tranches are approved at once, then every person is rewarded once in total and the rest refused naming R-INT', async () => {
      const x = await post(
        schoolX,
        '/v1/internship-applications',
        application(SCHOOL_X, interns(0, 50)),
      );
      const y = await post(
        schoolY,
        '/v1/internship-applications',
        application(SCHOOL_Y, interns(0, 50)),
      );
      expect([x.status, y.status]).toEqual([201, 201]);
      const [tx, ty] = await Promise.all(
        [x, y].map((a) =>
          http.as(finance).post(`/v1/internship-applications/${a.body.applicationId}/tranches`, {
            decidedOn: '2024-01-20',
          }),
        ),
      );
      expect([tx.status, ty.status]).toEqual([201, 201]);
      s.position = Math.max(tx.body.position ?? 0, ty.body.position ?? 0);
      expect(tx.body.included.length + ty.body.included.length).toBe(50);
      expect(tx.body.amountFen + ty.body.amountFen).toBe(50 * 100_000);
      const refused = [...tx.body.refused, ...ty.body.refused];
      expect(refused).toHaveLength(50);
      for (const r of refused) expect(r.rule).toBe('R-INT');
      expect(JSON.stringify(refused)).not.toContain(SCHOOL_X);
      expect(JSON.stringify(refused)).not.toContain(SCHOOL_Y);
      const withMore = tx.body.included.length > 0 ? tx : ty;
      const pub = await post(reviewer, '/v1/publicity', {
        trancheIds: [withMore.body.trancheId],
        startsOn: '2024-01-21',
        endsOn: '2024-01-27',
        publishedAt: '大同市数字政府服务中心一楼公告栏',
      });
      expect(pub.status).toBe(201);
      const r = await notice(pub.body.publicityId);
      expect(r.body.entries[0]).toMatchObject({
        programme: 'internship',
        standard: { text: '实习就业奖励 1,000元/人（高职及以上）', rateFen: 100_000, unit: '人' },
        amountFen: 100_000,
      });
    });
  });

  it('given the whole story, when `ledger verify` replays it, then the hash chains, the invariants (site amounts, effective seats, one internship reward per person) and the read models hold', async () => {
    await ledger.stop();
    expectLedgerVerifies(ledger.dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
