import ExcelJS from 'exceljs';
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
 * The programme-year report (issue #14 point 6) over real HTTP: an enterprise
 * approved and paid in 2023, a finding makes part of it due back, part comes
 * back and is remitted; the JSON agrees with the enterprise's balance, and the
 * .xlsx workbook, parsed back with exceljs, shows the same figures in yuan.
 */
jest.setTimeout(90_000);

const A = makeCreditCode(9_801);
const NAME = '大同年报呼叫有限公司';
const T = 250_000;

describe('GET /v1/reports/programme-year', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  let lastPosition = 0;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const supervisor = tokenFor('sue', 'supervisor');
  const auditor = tokenFor('al', 'auditor');
  const wrote = <R extends { status: number; body: any }>(r: R): R => {
    if (typeof r.body?.position === 'number')
      lastPosition = Math.max(lastPosition, r.body.position);
    return r;
  };

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('programme-year'));
    http = new LedgerClient(ledger.baseUrl);
    expect(
      (
        await http.as(reviewer).post('/v1/enterprises', {
          creditCode: A,
          name: NAME,
          industry: 'call',
          seats: 200,
          registeredOn: '2023-01-05',
        })
      ).status,
    ).toBe(201);
    const applicant = tokenFor('clerk-a', 'applicant', { enterpriseId: A });
    const sub = await http.as(applicant).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [0, 1].map((k) => ({
        personId: makeResidentId('140202', '19900101', 800 + k),
        name: `员工${k}`,
        wageMonths: ['2023-01', '2023-02'],
        insuranceMonths: ['2023-01', '2023-02'],
      })),
    });
    expect(sub.status).toBe(201);
    const claimIds: string[] = sub.body.claims.map((c: any) => c.claimId);
    const rev = await http
      .as(reviewer)
      .post(`/v1/seat-applications/${sub.body.applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: claimIds.map((claimId) => ({ claimId, approve: true })),
      });
    expect(rev.status).toBe(200);
    const t = await http
      .as(finance)
      .post(`/v1/seat-applications/${sub.body.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-10',
      });
    expect(t.status).toBe(201);
    const pub = await http.as(reviewer).post('/v1/publicity', {
      trancheIds: [t.body.trancheId],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(pub.status).toBe(201);
    const paid = await http.as(finance).post(`/v1/tranches/${t.body.trancheId}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: t.body.amountFen,
      bankRef: 'ICBC-Y-0001',
    });
    expect(paid.status).toBe(201);
    const opened = await http.as(supervisor).post('/v1/cases', {
      enterpriseId: A,
      openedOn: '2023-06-01',
      reason: '虚假申报',
      suspend: false,
    });
    expect(opened.status).toBe(201);
    const found = await http.as(supervisor).post(`/v1/cases/${opened.body.caseId}/findings`, {
      foundOn: '2023-06-05',
      falseClaimIds: [claimIds[0]],
      note: '员工未在岗',
    });
    expect(found.status).toBe(201);
    const recovered = wrote(
      await http.as(finance).post(`/v1/cases/${opened.body.caseId}/recoveries`, {
        receivedOn: '2023-07-01',
        amountFen: 100_000,
        bankRef: 'BACK-Y-1',
      }),
    );
    expect(recovered.status).toBe(201);
    const remitted = wrote(
      await http.as(finance).post('/v1/remittances', {
        fiscalYear: 2023,
        remittedOn: '2023-08-01',
        amountFen: 60_000,
        treasuryRef: '缴库-2023-Y1',
      }),
    );
    expect(remitted.status).toBe(201);
  });

  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  const report = async (token: string, query = '') =>
    http
      .as(token)
      .get(`/v1/reports/programme-year?fiscalYear=2023&minPosition=${lastPosition}${query}`);

  it('given a year paid, found false, recovered and remitted, when the report is read as JSON, then its figures are those of the balance and the remittance', async () => {
    const r = await report(auditor);
    expect(r.status).toBe(200);
    const balance = (await http.as(finance).get(`/v1/enterprises/${A}/balance?asOf=2023-12-31`))
      .body.programmes.seat;
    const seat = {
      approvedFen: balance.approvedFen,
      paidFen: balance.disbursedFen,
      returnedFen: 0,
      dueBackFen: balance.clawbackDueFen,
      recoveredFen: balance.recoveredFen,
      remittedFen: 60_000,
    };
    expect(seat).toMatchObject({
      approvedFen: 2 * T,
      paidFen: 2 * T,
      dueBackFen: T,
      recoveredFen: 100_000,
    });
    expect(r.body).toEqual({
      fiscalYear: 2023,
      generatedAt: expect.any(String),
      programmes: [
        { programme: 'seat', ...seat },
        ...['siteLease', 'siteRenovation', 'sitePurchase', 'internship'].map((programme) => ({
          programme,
          approvedFen: 0,
          paidFen: 0,
          returnedFen: 0,
          dueBackFen: 0,
          recoveredFen: 0,
          remittedFen: 0,
        })),
      ],
      parties: [
        {
          partyKind: 'enterprise',
          partyId: A,
          name: NAME,
          creditCode: A,
          programme: 'seat',
          ...seat,
        },
      ],
      totals: seat,
    });
    const remittances = (await http.as(auditor).get('/v1/remittances?fiscalYear=2023')).body;
    expect(remittances).toMatchObject({
      recoveredFen: r.body.totals.recoveredFen,
      remittedFen: r.body.totals.remittedFen,
    });
    // Nothing of 2023 in 2024.
    const next = await http.as(finance).get('/v1/reports/programme-year?fiscalYear=2024');
    expect(next.body.parties).toEqual([]);
    expect(next.body.totals.approvedFen).toBe(0);
  });

  it('given format=xlsx, when downloaded and parsed back with exceljs, then three sheets with Chinese headers show the JSON figures in yuan (#,##0.00) and the credit code as text', async () => {
    const json = (await report(finance)).body;
    const res = await fetch(
      `${ledger.baseUrl}/v1/reports/programme-year?fiscalYear=2023&format=xlsx`,
      { headers: { authorization: `Bearer ${supervisor}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="programme-year-2023.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['项目汇总', '企业', '学校']);
    const headerOf = (sheet: ExcelJS.Worksheet) =>
      (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const figureHeaders = [
      '批准金额(元)',
      '已支付金额(元)',
      '退票金额(元)',
      '应追回金额(元)',
      '已追回金额(元)',
      '已缴库金额(元)',
    ];
    const figureKeys = [
      'approvedFen',
      'paidFen',
      'returnedFen',
      'dueBackFen',
      'recoveredFen',
      'remittedFen',
    ];

    const programmes = workbook.getWorksheet('项目汇总')!;
    expect(headerOf(programmes)).toEqual(['项目', '项目代码', ...figureHeaders]);
    expect(programmes.rowCount).toBe(1 + 5 + 1);
    json.programmes.forEach((p: any, i: number) => {
      const row = programmes.getRow(2 + i);
      expect(row.getCell(2).value).toBe(p.programme);
      figureKeys.forEach((k, c) => {
        expect(row.getCell(3 + c).value).toBe(p[k] / 100);
        expect(row.getCell(3 + c).numFmt).toBe('#,##0.00');
      });
    });
    expect(programmes.getRow(2).getCell(1).value).toBe('岗位补贴');
    const totalRow = programmes.getRow(7);
    expect(totalRow.getCell(1).value).toBe('合计');
    figureKeys.forEach((k, c) => expect(totalRow.getCell(3 + c).value).toBe(json.totals[k] / 100));

    const enterprises = workbook.getWorksheet('企业')!;
    expect(headerOf(enterprises)).toEqual([
      '项目',
      '企业名称',
      '统一社会信用代码',
      ...figureHeaders,
    ]);
    expect(enterprises.rowCount).toBe(2);
    const row = enterprises.getRow(2);
    expect(row.getCell(2).value).toBe(NAME);
    expect(row.getCell(3).value).toBe(A);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(3).numFmt).toBe('@');
    figureKeys.forEach((k, c) => expect(row.getCell(4 + c).value).toBe(json.parties[0][k] / 100));
    expect(row.getCell(4).value).toBe(5_000); // 500,000 fen approved = 5,000.00 yuan

    const schools = workbook.getWorksheet('学校')!;
    expect(headerOf(schools)).toEqual(['项目', '学校名称', '学校编号', ...figureHeaders]);
    expect(schools.rowCount).toBe(1);
  });

  it('given a bad format, a bad year or the wrong role, when asked, then 400 naming the field or 403', async () => {
    const bad = await http.as(finance).get('/v1/reports/programme-year?fiscalYear=2023&format=pdf');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('format');
    const noYear = await http.as(finance).get('/v1/reports/programme-year?format=json');
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(noYear.body)).toContain('fiscalYear');
    expect((await report(reviewer)).status).toBe(403);
    expect((await report(tokenFor('clerk-a', 'applicant', { enterpriseId: A }))).status).toBe(403);
  });
});
