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
 * Issue #7 over real HTTP against the built API on a real SQLite file, as a
 * new user would walk it from API.md: the policy versions; special terms that
 * change a parameter for one enterprise only (two actors); effective seats
 * (11 vs 12 months, 3 vs 4 occupants, one employer a month across
 * enterprises); a lease paid over several years on the effective seats of
 * each decision date; a renovation capped (and raised for the enterprise with
 * special terms); a purchase of 5,001 m² and one whose five years end on the
 * exact remainder; an internship application with 49 then 50 interns and
 * exactly 50 % retained; every tranche published, paid and in the balances;
 * a suspension blocking a site tranche. Steps depend on each other, in order.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(9001); // has special terms
const B = makeCreditCode(9002);
const SCHOOL = makeCreditCode(9003);
const OTHER_SCHOOL = makeCreditCode(9004);
const P = (n: number) => makeResidentId('140202', '19950505', n);
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
const occupant = (n: number, from: string, count: number) => ({
  personId: P(n),
  name: `坐席员${n}`,
  wageMonths: months(from, count),
  insuranceMonths: months(from, count),
});
const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };

describe('effective seats, site subsidies, internship rewards, end to end over HTTP', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const ritaAsFinance = tokenFor('rita', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const applicantB = tokenFor('b-clerk', 'applicant', { enterpriseId: B });
  const schoolClerk = tokenFor('s-clerk', 'applicant', { schoolId: SCHOOL });
  const otherSchoolClerk = tokenFor('o-clerk', 'applicant', { schoolId: OTHER_SCHOOL });
  const s: Record<string, any> = {};

  const wrote = <T extends { body: any }>(r: T): T => {
    if (typeof r.body?.position === 'number') s.position = r.body.position;
    return r;
  };
  const post = async (
    token: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ) => wrote(await http.as(token).post(path, body, headers));
  const read = (token: string, path: string) =>
    http.as(token).get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${s.position ?? 0}`);
  const balance = async (enterpriseId: string, asOf: string) =>
    (await read(finance, `/v1/enterprises/${enterpriseId}/balance?asOf=${asOf}`)).body;

  /** Publish a tranche for 7 days from `startsOn`, then pay it the day after the notice ends. */
  const publishAndPay = async (
    trancheId: string,
    startsOn: string,
    endsOn: string,
    paidOn: string,
    amountFen: number,
  ) => {
    const pub = await post(reviewer, '/v1/publicity', {
      trancheIds: [trancheId],
      startsOn,
      endsOn,
    });
    expect(pub.status).toBe(201);
    const paid = await post(finance, `/v1/tranches/${trancheId}/disbursements`, {
      paidOn,
      amountFen,
      bankRef: `BANK-${trancheId}`,
    });
    expect(paid.status).toBe(201);
    return {
      publicityId: pub.body.publicityId as string,
      disbursementId: paid.body.disbursementId as string,
    };
  };

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('site'));
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given any authenticated role, when GET /v1/policies, then datong-2022 is listed with its effective date, its validity and every parameter; without a token 401; before or after its validity 422 R-POL', async () => {
    for (const token of [auditor, applicantA, schoolClerk]) {
      const r = await http.as(token).get('/v1/policies');
      expect(r.status).toBe(200);
      expect(r.body.policies).toEqual([
        expect.objectContaining({
          id: 'datong-2022',
          effectiveFrom: '2022-12-23',
          validFrom: '2022-12-23',
          validTo: '2023-12-22',
          parameters: expect.objectContaining({
            site: expect.objectContaining({
              leaseYearFen: [250_000, 250_000, 250_000, 125_000, 125_000],
              renovationCapFen: 500_000_000,
              purchaseYearBasisPoints: [3_000, 2_500, 1_500, 1_500, 1_500],
            }),
            effectiveSeat: { minMonths: 12, maxOccupants: 3 },
            internship: expect.objectContaining({ minInternsPerYear: 50 }),
          }),
        }),
      ]);
      expect(r.body.overridableBySpecialTerms).toContain('site.renovationCapFen');
    }
    expect((await http.get('/v1/policies')).status).toBe(401);
    const before = await http.as(auditor).get('/v1/policies?inForceOn=2022-12-22');
    expect({ status: before.status, rule: before.body.rule }).toEqual({
      status: 422,
      rule: 'R-POL',
    });
    expect(
      (await http.as(auditor).get('/v1/policies?inForceOn=2023-12-22')).body.policies[0].id,
    ).toBe('datong-2022');
    // R-POL: the trial year is over the day after; no version is in force then.
    const after = await http.as(auditor).get('/v1/policies?inForceOn=2023-12-23');
    expect({ status: after.status, rule: after.body.rule }).toEqual({
      status: 422,
      rule: 'R-POL',
    });
  });

  it('given two enterprises, when A gets special terms (renovation cap 8,000,000 yuan, 333.33 yuan/m²) proposed by a reviewer, then the proposer may not confirm them (403 R-SPECIAL) and finance does', async () => {
    for (const [creditCode, seats] of [
      [A, 600],
      [B, 300],
    ] as const) {
      const r = await post(reviewer, '/v1/enterprises', {
        creditCode,
        name: creditCode === A ? '大同五百强呼叫' : '大同标注',
        industry: 'call',
        seats,
        registeredOn: '2022-12-30',
      });
      expect(r.status).toBe(201);
    }
    const bad = await post(reviewer, `/v1/enterprises/${A}/special-terms`, {
      documentRef: '同政办函〔2023〕12号',
      basis: 'top-enterprise',
      overrides: { seat: { personCapFen: 2_000_000 } },
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      proposedOn: '2023-01-02',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      {
        field: 'overrides.seat.personCapFen',
        messages: [expect.stringContaining('may not be overridden')],
      },
    ]);
    // Issue #12: special terms cannot set a month count (or any count) to 0.
    const noMonths = await post(reviewer, `/v1/enterprises/${A}/special-terms`, {
      documentRef: '同政办函〔2023〕12号',
      basis: 'top-enterprise',
      overrides: { seat: { monthsPerLaterTranche: 0 } },
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      proposedOn: '2023-01-02',
    });
    expect(noMonths.status).toBe(400);
    expect(noMonths.body.details).toEqual([
      {
        field: 'overrides.seat.monthsPerLaterTranche',
        messages: [expect.stringContaining('must be at least 1')],
      },
    ]);
    const tooSmall = await post(reviewer, `/v1/enterprises/${B}/special-terms`, {
      documentRef: 'doc',
      basis: 'top-enterprise',
      overrides: { site: { renovationCapFen: 800_000_000 } },
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      proposedOn: '2023-01-02',
    });
    expect({ status: tooSmall.status, rule: tooSmall.body.rule }).toEqual({
      status: 422,
      rule: 'R-SPECIAL',
    });
    const proposed = await post(reviewer, `/v1/enterprises/${A}/special-terms`, {
      documentRef: '同政办函〔2023〕12号',
      basis: 'top-enterprise',
      overrides: { site: { renovationCapFen: 800_000_000, purchaseFenPerM2: 33_333 } },
      validFrom: '2023-01-01',
      validTo: '2027-12-31',
      proposedOn: '2023-01-02',
      note: 'Art. 14: Top 500, 600-seat self-built site',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual({
      termsId: expect.any(String),
      status: 'proposed',
      position: expect.any(Number),
    });
    s.termsId = proposed.body.termsId;
    const confirm = (token: string) =>
      post(token, `/v1/enterprises/${A}/special-terms/${s.termsId}/confirmation`, {
        confirmedOn: '2023-01-03',
      });
    expect(
      (await post(reviewer, `/v1/enterprises/${A}/special-terms/${s.termsId}/confirmation`, {}))
        .status,
    ).toBe(403);
    const same = await confirm(ritaAsFinance);
    expect({ status: same.status, rule: same.body.rule }).toEqual({
      status: 403,
      rule: 'R-SPECIAL',
    });
    const ok = await confirm(finance);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ termsId: s.termsId, status: 'confirmed' });
    const list = await read(applicantA, `/v1/enterprises/${A}/special-terms`);
    expect(list.body.terms).toEqual([
      expect.objectContaining({
        termsId: s.termsId,
        status: 'confirmed',
        proposedBy: 'rita',
        confirmedBy: 'fay',
      }),
    ]);
    expect((await read(applicantB, `/v1/enterprises/${A}/special-terms`)).status).toBe(403);
  });

  it('given A and B registered, when a reviewer records their standing checks (R-SITE-COND), then 201 with a check id; finance may not', async () => {
    for (const enterpriseId of [A, B]) {
      const r = await post(reviewer, `/v1/enterprises/${enterpriseId}/standing-checks`, {
        checkedOn: '2022-12-30',
        normalOperation: true,
        badCreditRecord: false,
        source: '信用中国',
      });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ checkId: expect.any(String), position: expect.any(Number) });
    }
    const notReviewer = await post(finance, `/v1/enterprises/${A}/standing-checks`, {
      checkedOn: '2022-12-30',
      normalOperation: true,
      badCreditRecord: false,
      source: '信用中国',
    });
    expect(notReviewer.status).toBe(403);
  });

  it("given B's seat-subsidy claim on person 9 for 2022, when A's first roster is recognised on 2023-01-05, then 3 seats are effective and the 11-month, 4-occupant and other-employer seats are refused naming their rule", async () => {
    const claim = await post(reviewer, '/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2022-12-28',
      claims: [occupant(9, '2022-07', 6)],
    });
    expect(claim.status).toBe(201);
    const r = await post(reviewer, `/v1/enterprises/${A}/effective-seats`, {
      recognizedOn: '2023-01-05',
      seats: [
        { seatRef: 'A-01', occupants: [occupant(1, '2022-01', 12)] },
        {
          seatRef: 'A-02',
          occupants: [
            occupant(2, '2022-01', 4),
            occupant(3, '2022-05', 4),
            occupant(4, '2022-09', 4),
          ],
        },
        { seatRef: 'A-03', occupants: [occupant(5, '2022-01', 12)] },
        { seatRef: 'A-04', occupants: [occupant(6, '2022-02', 11)] },
        {
          seatRef: 'A-05',
          occupants: [
            occupant(7, '2022-01', 3),
            occupant(8, '2022-04', 3),
            occupant(10, '2022-07', 3),
            occupant(11, '2022-10', 3),
          ],
        },
        { seatRef: 'A-06', occupants: [occupant(12, '2022-01', 6), occupant(9, '2022-07', 6)] },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ recognized: 3, position: expect.any(Number) });
    expect(r.body.refused).toEqual([
      expect.objectContaining({
        seatRef: 'A-06',
        rule: 'R-SEAT-6',
        conflictsWith: [expect.objectContaining({ enterpriseId: B })],
      }),
      expect.objectContaining({
        seatRef: 'A-04',
        rule: 'R-EFF',
        reason: expect.stringContaining('11 months'),
      }),
      expect.objectContaining({
        seatRef: 'A-05',
        rule: 'R-EFF',
        reason: expect.stringContaining('4 occupants'),
      }),
    ]);
    expect(JSON.stringify(r.body)).not.toContain(P(9));
    const applicantView = await read(
      applicantA,
      `/v1/enterprises/${A}/effective-seats?asOf=2023-06-30`,
    );
    expect(applicantView.body).toMatchObject({
      enterpriseId: A,
      effectiveSeats: 3,
      recognizedOn: '2023-01-05',
    });
    expect(
      (await read(applicantA, `/v1/enterprises/${A}/effective-seats?asOf=2023-01-04`)).body
        .effectiveSeats,
    ).toBe(0);
    expect(
      (
        await post(applicantA, `/v1/enterprises/${A}/effective-seats`, {
          recognizedOn: '2023-01-05',
          seats: [],
        })
      ).status,
    ).toBe(403);
  });

  it('given a lease of 4 years 364 days, when A applies, then 422 R-SITE-LEASE; a 5-year lease from 2023-01-01 is accepted; a reused Idempotency-Key answers the same', async () => {
    const lease = (endsOn: string) => ({
      enterpriseId: A,
      kind: 'lease',
      submittedOn: '2023-01-10',
      premises: { address: '大同市平城区御河西路 100 号' },
      lease: { startsOn: '2023-01-01', endsOn },
    });
    const short = await post(applicantA, '/v1/site-applications', lease('2027-12-30'));
    expect({ status: short.status, rule: short.body.rule }).toEqual({
      status: 422,
      rule: 'R-SITE-LEASE',
    });
    const ok = await post(applicantA, '/v1/site-applications', lease('2027-12-31'), {
      'Idempotency-Key': 'lease-A-1',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({
      applicationId: expect.any(String),
      kind: 'lease',
      position: expect.any(Number),
    });
    const again = await post(applicantA, '/v1/site-applications', lease('2027-12-31'), {
      'Idempotency-Key': 'lease-A-1',
    });
    expect(again.body).toEqual(ok.body);
    s.lease = ok.body.applicationId;
    expect((await post(applicantB, '/v1/site-applications', lease('2027-12-31'))).status).toBe(403);
  });

  it('given 3 effective seats on 2023-03-01, when lease year 1 is approved, published and paid, then 7,500 yuan show as siteLease in the balance', async () => {
    expect(
      (
        await post(reviewer, `/v1/site-applications/${s.lease}/tranches`, {
          year: 1,
          decidedOn: '2023-03-01',
        })
      ).status,
    ).toBe(403);
    const y1 = await post(finance, `/v1/site-applications/${s.lease}/tranches`, {
      year: 1,
      decidedOn: '2023-03-01',
    });
    expect(y1.status).toBe(201);
    expect(y1.body).toEqual({
      trancheId: `${s.lease}.y1`,
      kind: 'lease',
      year: 1,
      amountFen: 750_000,
      effectiveSeats: 3,
      seats: 3,
      perSeatFen: 250_000,
      position: expect.any(Number),
    });
    const { publicityId } = await publishAndPay(
      y1.body.trancheId,
      '2023-03-02',
      '2023-03-08',
      '2023-03-09',
      750_000,
    );
    const notice = await http.get(`/v1/publicity/${publicityId}?minPosition=${s.position}`);
    expect(notice.status).toBe(200);
    expect(notice.body.entries).toEqual([
      {
        trancheId: y1.body.trancheId,
        claimId: y1.body.trancheId,
        programme: 'siteLease',
        enterpriseName: '大同五百强呼叫',
        standard: {
          text: '场地租赁补贴 2,500元/有效席位/年',
          rateFen: 250_000,
          unit: '有效席位/年',
        },
        amountFen: 750_000,
      },
    ]);
    const b = await balance(A, '2023-03-31');
    expect(b.programmes.siteLease).toEqual({
      ...zero,
      approvedFen: 750_000,
      disbursedFen: 750_000,
    });
    expect(b.programmes.seat).toEqual(zero);
    expect(b.totals).toEqual({ ...zero, approvedFen: 750_000, disbursedFen: 750_000 });
  });

  it('given a second roster of 5 seats on 2023-12-20, when lease years 2, 3 and 4 are decided, then each counts the effective seats of its decision date and years 4-5 pay 1,250 yuan a seat', async () => {
    const r2 = await post(reviewer, `/v1/enterprises/${A}/effective-seats`, {
      recognizedOn: '2023-12-20',
      seats: [1, 2, 3, 4, 5].map((n) => ({
        seatRef: `A-0${n}`,
        occupants: [occupant(n, '2023-01', 12)],
      })),
    });
    expect(r2.body).toMatchObject({ recognized: 5, refused: [] });
    const early = await post(finance, `/v1/site-applications/${s.lease}/tranches`, {
      year: 3,
      decidedOn: '2024-02-01',
    });
    expect({ status: early.status, rule: early.body.rule }).toEqual({
      status: 422,
      rule: 'R-SITE-LEASE',
    });
    const y2 = await post(finance, `/v1/site-applications/${s.lease}/tranches`, {
      year: 2,
      decidedOn: '2024-02-01',
    });
    expect(y2.body).toMatchObject({ amountFen: 1_250_000, effectiveSeats: 5 });
    await publishAndPay(y2.body.trancheId, '2024-02-02', '2024-02-08', '2024-02-09', 1_250_000);
    const y3 = await post(finance, `/v1/site-applications/${s.lease}/tranches`, {
      year: 3,
      decidedOn: '2025-02-01',
    });
    expect(y3.body).toMatchObject({ amountFen: 1_250_000, effectiveSeats: 5 });
    const y4 = await post(finance, `/v1/site-applications/${s.lease}/tranches`, {
      year: 4,
      decidedOn: '2026-02-01',
    });
    expect(y4.body).toMatchObject({ amountFen: 625_000, effectiveSeats: 5, perSeatFen: 125_000 });
    const view = await read(applicantA, `/v1/site-applications/${s.lease}`);
    expect(
      view.body.tranches.map((t: any) => [t.year, t.amountFen, t.disbursement?.amountFen ?? null]),
    ).toEqual([
      [1, 750_000, 750_000],
      [2, 1_250_000, 1_250_000],
      [3, 1_250_000, null],
      [4, 625_000, null],
    ]);
    const asOf2024 = await balance(A, '2024-12-31');
    expect(asOf2024.programmes.siteLease).toEqual({
      ...zero,
      approvedFen: 2_000_000,
      disbursedFen: 2_000_000,
    });
  });

  it('given the leased premises, when A applies for a purchase subsidy on the same address written differently, then 422 R-SITE-1', async () => {
    const r = await post(applicantA, '/v1/site-applications', {
      enterpriseId: A,
      kind: 'purchase',
      submittedOn: '2023-02-01',
      premises: { address: '大同市 平城区 御河西路 100号' },
      areaM2: 1000,
      purchasedOn: '2023-01-20',
      certificateRef: 'CERT-X',
    });
    expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'R-SITE-1' });
  });

  it('given 30,000,000 yuan of audited renovation by A and by B, when each applies and is paid, then B is capped at 5,000,000 yuan and A, with special terms, gets 8,000,000 yuan', async () => {
    const reno = (enterpriseId: string, token: string, address: string) =>
      post(token, '/v1/site-applications', {
        enterpriseId,
        kind: 'renovation',
        submittedOn: '2023-04-01',
        premises: { address },
        investmentFen: 3_000_000_000,
        auditRef: 'AUDIT-2023-17',
        completedOn: '2023-03-20',
      });
    const wrongKind = await post(applicantB, '/v1/site-applications', {
      enterpriseId: B,
      kind: 'lease',
      submittedOn: '2023-04-01',
      premises: { address: '大同市 B 厂房' },
      lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
      investmentFen: 1,
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details.map((d: any) => d.field)).toEqual(['investmentFen']);
    const a = await reno(A, applicantA, '大同市 A 旧厂房');
    const b = await reno(B, applicantB, '大同市 B 旧厂房');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.totalFen).toBe(800_000_000);
    expect(b.body.totalFen).toBe(500_000_000);
    for (const [app, amountFen] of [
      [a.body.applicationId, 800_000_000],
      [b.body.applicationId, 500_000_000],
    ] as const) {
      const t = await post(finance, `/v1/site-applications/${app}/tranches`, {
        decidedOn: '2023-04-10',
      });
      expect(t.status).toBe(201);
      expect(t.body).toMatchObject({ trancheId: `${app}.r`, kind: 'renovation', amountFen });
      if (app === b.body.applicationId)
        s.renoB = t.body.trancheId; // paid after the suspension below
      else
        await publishAndPay(t.body.trancheId, '2023-04-11', '2023-04-17', '2023-04-18', amountFen);
    }
    expect((await balance(A, '2023-12-31')).programmes.siteRenovation).toEqual({
      ...zero,
      approvedFen: 800_000_000,
      disbursedFen: 800_000_000,
    });
  });

  it('given a case suspending B, when its renovation is paid, then 423; after the case closes it is paid', async () => {
    const pub = await post(reviewer, '/v1/publicity', {
      trancheIds: [s.renoB],
      startsOn: '2023-04-12',
      endsOn: '2023-04-18',
    });
    expect(pub.status).toBe(201);
    const opened = await post(supervisor, '/v1/cases', {
      enterpriseId: B,
      openedOn: '2023-04-15',
      reason: 'spot check of the audit report',
      suspend: true,
    });
    expect(opened.status).toBe(201);
    const pay = () =>
      post(finance, `/v1/tranches/${s.renoB}/disbursements`, {
        paidOn: '2023-04-20',
        amountFen: 500_000_000,
        bankRef: 'BANK-RENO-B',
      });
    const blocked = await pay();
    expect({ status: blocked.status, rule: blocked.body.rule }).toEqual({
      status: 423,
      rule: 'R-FRAUD',
    });
    const closed = await post(supervisor, `/v1/cases/${opened.body.caseId}/closure`, {
      closedOn: '2023-04-19',
      outcome: 'dismissed',
      note: 'the audit holds',
    });
    expect(closed.status).toBe(200);
    expect((await pay()).status).toBe(201);
    expect((await balance(B, '2023-12-31')).programmes.siteRenovation).toMatchObject({
      disbursedFen: 500_000_000,
    });
  });

  it('given 5,001 m² bought by B, when it applies, then 5,000 m² count (2,500,000 yuan) and year 1 pays 30 %; an area with three decimals is 400', async () => {
    const body = {
      enterpriseId: B,
      kind: 'purchase',
      submittedOn: '2023-05-01',
      premises: { address: '大同市 B 新办公楼' },
      areaM2: 5001,
      purchasedOn: '2023-04-25',
      certificateRef: '晋(2023)大同市不动产权第0001号',
    };
    expect(
      (await post(applicantB, '/v1/site-applications', { ...body, areaM2: 12.345 })).status,
    ).toBe(400);
    const r = await post(applicantB, '/v1/site-applications', body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      totalFen: 250_000_000,
      yearFen: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
    });
    const y1 = await post(finance, `/v1/site-applications/${r.body.applicationId}/tranches`, {
      year: 1,
      decidedOn: '2023-05-02',
    });
    expect(y1.body).toMatchObject({ amountFen: 75_000_000 });
    const view = await read(applicantB, `/v1/site-applications/${r.body.applicationId}`);
    expect(view.body.purchase).toEqual({
      areaM2: 5001,
      areaM2Counted: 5000,
      purchasedOn: '2023-04-25',
      certificateRef: '晋(2023)大同市不动产权第0001号',
    });
  });

  it("given A's special rate of 333.33 yuan/m² and 1,000.01 m² bought in 2022, when all five years are paid, then years 1-4 round down and year 5 takes the remainder: the five add up to 33,333,333 fen", async () => {
    const r = await post(applicantA, '/v1/site-applications', {
      enterpriseId: A,
      kind: 'purchase',
      submittedOn: '2023-01-10',
      premises: { address: '大同市 A 自购楼' },
      areaM2: 1000.01,
      purchasedOn: '2022-06-01',
      certificateRef: 'CERT-A',
    });
    expect(r.status).toBe(201);
    expect(r.body.totalFen).toBe(33_333_333);
    expect(r.body.yearFen).toEqual([9_999_999, 8_333_333, 4_999_999, 4_999_999, 5_000_003]);
    const decided = ['2023-01-15', '2023-06-01', '2024-06-01', '2025-06-01', '2026-06-01'];
    let paidFen = 0;
    for (let year = 1; year <= 5; year++) {
      const t = await post(finance, `/v1/site-applications/${r.body.applicationId}/tranches`, {
        year,
        decidedOn: decided[year - 1],
      });
      expect(t.status).toBe(201);
      expect(t.body.amountFen).toBe(r.body.yearFen[year - 1]);
      const startsOn = decided[year - 1].replace(
        /-(\d\d)$/,
        (_m: string, d: string) => `-${String(Number(d) + 1).padStart(2, '0')}`,
      );
      const endsOn = decided[year - 1].replace(
        /-(\d\d)$/,
        (_m: string, d: string) => `-${String(Number(d) + 7).padStart(2, '0')}`,
      );
      const paidOn = decided[year - 1].replace(
        /-(\d\d)$/,
        (_m: string, d: string) => `-${String(Number(d) + 8).padStart(2, '0')}`,
      );
      await publishAndPay(t.body.trancheId, startsOn, endsOn, paidOn, t.body.amountFen);
      paidFen += t.body.amountFen;
    }
    expect(paidFen).toBe(33_333_333);
    const sixth = await post(finance, `/v1/site-applications/${r.body.applicationId}/tranches`, {
      year: 6,
      decidedOn: '2026-06-02',
    });
    expect({ status: sixth.status, rule: sixth.body.rule }).toEqual({
      status: 422,
      rule: 'R-SITE-BUY',
    });
    expect((await balance(A, '2026-06-30')).programmes.sitePurchase).toEqual({
      ...zero,
      approvedFen: 33_333_333,
      disbursedFen: 33_333_333,
    });
  });

  it('given all of A, when its balance is asked, then seat, siteLease, siteRenovation and sitePurchase add up to the totals', async () => {
    const b = await read(auditor, `/v1/enterprises/${A}/balance?asOf=2026-06-30`);
    expect(b.status).toBe(200);
    expect(Object.keys(b.body.programmes).sort()).toEqual([
      'seat',
      'siteLease',
      'sitePurchase',
      'siteRenovation',
    ]);
    const lease = 750_000 + 1_250_000 + 1_250_000 + 625_000;
    expect(b.body.programmes.siteLease).toEqual({
      ...zero,
      approvedFen: lease,
      disbursedFen: 2_000_000,
    });
    expect(b.body.totals).toEqual({
      ...zero,
      approvedFen: lease + 800_000_000 + 33_333_333,
      disbursedFen: 2_000_000 + 800_000_000 + 33_333_333,
    });
  });

  describe('internship rewards (R-INT)', () => {
    /** `sent` interns; the first `retained` were employed 6 consecutive months, the rest 5. */
    const interns = (from: number, sent: number, retained: number) =>
      Array.from({ length: sent }, (_, i) => ({
        personId: P(200 + from + i),
        name: `实习生${from + i}`,
        level: i % 2 === 0 ? 'higher' : 'secondary',
        enterpriseId: A,
        employedMonths: months('2023-07', i < retained ? 6 : 5),
      }));
    const application = (sent: number, retained: number) => ({
      schoolId: SCHOOL,
      year: 2023,
      submittedOn: '2024-01-15',
      agreementRef: '产教融合协议 2023-07',
      trainingBaseRef: '大数据实训基地 1 号',
      interns: interns(0, sent, retained),
    });

    it('given a registered school, when it applies with 49 interns, then 422 R-INT; with 50 of whom exactly 25 were retained 6 months, then 201 with a 0.5000 retention rate', async () => {
      const school = await post(reviewer, '/v1/schools', {
        schoolId: SCHOOL,
        name: '大同职业技术学院',
        registeredOn: '2023-01-05',
      });
      expect(school.status).toBe(201);
      expect(school.body).toEqual({ schoolId: SCHOOL, position: expect.any(Number) });
      expect(
        (await post(otherSchoolClerk, '/v1/internship-applications', application(50, 25))).status,
      ).toBe(403);
      const few = await post(schoolClerk, '/v1/internship-applications', application(49, 49));
      expect({ status: few.status, rule: few.body.rule }).toEqual({ status: 422, rule: 'R-INT' });
      const low = await post(schoolClerk, '/v1/internship-applications', application(50, 24));
      expect({ status: low.status, rule: low.body.rule }).toEqual({ status: 422, rule: 'R-INT' });
      const ok = await post(schoolClerk, '/v1/internship-applications', application(50, 25));
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({
        applicationId: expect.any(String),
        internsSent: 50,
        retained: 25,
        retentionRate: '0.5000',
        retentionBasisPoints: 5_000,
        position: expect.any(Number),
      });
      s.internship = ok.body.applicationId;
    });

    it('given the application, when finance approves its tranche, then 13 higher × 1,000 + 12 secondary × 800 yuan; the notice names the school and masked IDs only', async () => {
      const t = await post(finance, `/v1/internship-applications/${s.internship}/tranches`, {
        decidedOn: '2024-01-20',
      });
      expect(t.status).toBe(201);
      expect(t.body).toMatchObject({
        trancheId: `${s.internship}.i1`,
        amountFen: 2_260_000,
        refused: [],
      });
      expect(t.body.included).toHaveLength(25);
      const pub = await post(reviewer, '/v1/publicity', {
        trancheIds: [t.body.trancheId],
        startsOn: '2024-01-21',
        endsOn: '2024-01-27',
      });
      const notice = await http.get(
        `/v1/publicity/${pub.body.publicityId}?minPosition=${s.position}`,
      );
      expect(notice.body.entries).toHaveLength(25);
      expect(notice.body.entries[0]).toEqual({
        trancheId: t.body.trancheId,
        claimId: `${s.internship}.p1`,
        programme: 'internship',
        schoolName: '大同职业技术学院',
        personName: '实习生0',
        personIdMasked: masked(P(200)),
        standard: { text: '实习就业奖励 1,000元/人（高职及以上）', rateFen: 100_000, unit: '人' },
        amountFen: 100_000,
      });
      expect(JSON.stringify(notice.body)).not.toContain(P(200));
      const paid = await post(finance, `/v1/tranches/${t.body.trancheId}/disbursements`, {
        paidOn: '2024-01-28',
        amountFen: 2_260_000,
        bankRef: 'BANK-INTERNSHIP-1',
      });
      expect(paid.status).toBe(201);
      const disbursement = await read(auditor, `/v1/disbursements/${paid.body.disbursementId}`);
      expect(disbursement.body).toMatchObject({
        programme: 'internship',
        schoolId: SCHOOL,
        amountFen: 2_260_000,
      });
    });

    it('given the paid tranche, when the school balance is asked, then approved and disbursed 22,600 yuan; before the payment only approved; another school 403', async () => {
      const own = await read(schoolClerk, `/v1/schools/${SCHOOL}/balance?asOf=2024-12-31`);
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        schoolId: SCHOOL,
        asOf: '2024-12-31',
        programmes: { internship: { ...zero, approvedFen: 2_260_000, disbursedFen: 2_260_000 } },
        totals: { ...zero, approvedFen: 2_260_000, disbursedFen: 2_260_000 },
      });
      const before = await read(finance, `/v1/schools/${SCHOOL}/balance?asOf=2024-01-27`);
      expect(before.body.totals).toEqual({ ...zero, approvedFen: 2_260_000 });
      expect((await read(otherSchoolClerk, `/v1/schools/${SCHOOL}/balance`)).status).toBe(403);
      expect((await read(finance, `/v1/schools/${OTHER_SCHOOL}/balance`)).status).toBe(404);
      const view = await read(schoolClerk, `/v1/internship-applications/${s.internship}`);
      expect(view.body.interns[0].personId).toBeUndefined();
      expect(view.body.interns[0].personIdMasked).toBe(masked(P(200)));
    });

    it('given persons the school was rewarded for, when a later application names them again, then the tranche refuses them naming R-INT (once per person per school)', async () => {
      const again = await post(schoolClerk, '/v1/internship-applications', {
        ...application(50, 50),
        // R-POL: the 2024 cohort would have no version in force on 2024-01-01.
        year: 2023,
        submittedOn: '2024-02-15',
        interns: [...interns(0, 10, 10), ...interns(100, 40, 40)],
      });
      expect(again.status).toBe(201);
      const t = await post(
        finance,
        `/v1/internship-applications/${again.body.applicationId}/tranches`,
        { decidedOn: '2024-02-20' },
      );
      expect(t.body.included).toHaveLength(40);
      expect(t.body.refused).toHaveLength(10);
      expect(t.body.refused[0]).toMatchObject({ rule: 'R-INT' });
    });
  });

  it('given the whole story, when `ledger verify` replays it, then the hash chains, invariants and read models hold', async () => {
    await ledger.stop();
    expectLedgerVerifies(ledger.dataDir);
  });
});
