import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { LedgerClient, tokenFor } from '../support/ledger-process';
import { ConsoleBrowser, healthy, region, text } from './support/browser';

/**
 * Issue #13's second round, in Chromium against the real API process: site and
 * internship applications for applicants, a school and reviewers; finance's
 * recoveries per case and what is not yet remitted; the auditor's timeline in
 * Chinese; the case-closing outcome and the roster picker in one language.
 * The story is written through the API first; every check is on what the
 * page shows.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(1401);
const SCHOOL = makeCreditCode(1402);
const P = (n: number) => makeResidentId('140202', '19990101', 500 + n);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const MONTHS = ['2022-11', '2022-12', '2023-01', '2023-02'];
const months = (from: string, n: number): string[] => {
  const [y, m] = from.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
};

describe('the console’s programme pages, recoveries and Chinese labels, clicked through in Chromium', () => {
  const s: Record<string, string> = {};
  const tokens = {
    applicant: tokenFor('a-clerk', 'applicant', { enterpriseId: A }),
    school: tokenFor('s-clerk', 'applicant', { schoolId: SCHOOL }),
    reviewer: tokenFor('rita', 'reviewer'),
    finance: tokenFor('fay', 'finance'),
    supervisor: tokenFor('sue', 'supervisor'),
    auditor: tokenFor('al', 'auditor'),
  };
  const consoles = new ConsoleBrowser('console-programmes', tokens);
  const { open } = consoles;

  beforeAll(async () => {
    const http = new LedgerClient((await consoles.start()).baseUrl);
    const ok = async (token: string, path: string, body: unknown) => {
      const r = await http.as(token).post(path, body);
      expect([path, r.status, r.body.message]).toEqual([path, 201, undefined]);
      return r.body;
    };
    await ok(tokens.reviewer, '/v1/enterprises', {
      creditCode: A,
      name: '大同云帆数据有限公司',
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-05',
    });
    await ok(tokens.reviewer, '/v1/schools', {
      schoolId: SCHOOL,
      name: '大同职业技术学院',
      registeredOn: '2023-01-05',
    });
    // A site application (lease) of the enterprise: no tranche decided yet.
    s.site = (
      await ok(tokens.applicant, '/v1/site-applications', {
        enterpriseId: A,
        kind: 'lease',
        submittedOn: '2023-01-10',
        premises: { address: '大同市平城区御河西路 100 号' },
        lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
      })
    ).applicationId;
    // The school's internship application, 50 sent and 25 retained; its tranche approved.
    s.internship = (
      await ok(tokens.school, '/v1/internship-applications', {
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-01-15',
        agreementRef: '产教融合协议 2023-07',
        trainingBaseRef: '大数据实训基地 1 号',
        interns: Array.from({ length: 50 }, (_, i) => ({
          personId: P(i),
          name: `实习生${i}`,
          level: i % 2 === 0 ? 'higher' : 'secondary',
          enterpriseId: A,
          employedMonths: months('2023-07', i < 25 ? 6 : 5),
        })),
      })
    ).applicationId;
    await ok(tokens.finance, `/v1/internship-applications/${s.internship}/tranches`, {
      decidedOn: '2024-01-20',
    });
    // A seat tranche paid, one claim found false, part of it recovered and part remitted.
    const app = await ok(tokens.reviewer, '/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [0, 1].map((i) => ({
        personId: P(100 + i),
        name: ['张三', '李四'][i],
        wageMonths: MONTHS,
        insuranceMonths: MONTHS,
      })),
    });
    const view = await http.as(tokens.reviewer).get(`/v1/seat-applications/${app.applicationId}`);
    const claims = view.body.claims.map((c: { claimId: string }) => c.claimId);
    const reviewed = await http
      .as(tokens.reviewer)
      .post(`/v1/seat-applications/${app.applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: claims.map((claimId: string) => ({ claimId, approve: true })),
      });
    expect(reviewed.status).toBe(200);
    const tranche = await ok(
      tokens.finance,
      `/v1/seat-applications/${app.applicationId}/tranches`,
      {
        tranche: 1,
        decidedOn: '2023-03-06',
      },
    );
    await ok(tokens.reviewer, '/v1/publicity', {
      trancheIds: [tranche.trancheId],
      startsOn: '2023-03-07',
      endsOn: '2023-03-13',
    });
    await ok(tokens.finance, `/v1/tranches/${tranche.trancheId}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 500_000,
      bankRef: 'PAY-1401',
    });
    s.caseId = (
      await ok(tokens.supervisor, '/v1/cases', {
        enterpriseId: A,
        openedOn: '2023-04-01',
        reason: '举报：虚报在岗人员',
        suspend: false,
      })
    ).caseId;
    await ok(tokens.supervisor, `/v1/cases/${s.caseId}/findings`, {
      foundOn: '2023-04-10',
      falseClaimIds: [claims[0]],
      note: '张三未实际在岗',
    });
    await ok(tokens.finance, `/v1/cases/${s.caseId}/recoveries`, {
      receivedOn: '2023-05-10',
      amountFen: 100_000,
      bankRef: 'BACK-1401',
    });
    await ok(tokens.finance, '/v1/remittances', {
      fiscalYear: 2023,
      remittedOn: '2023-05-20',
      amountFen: 40_000,
      treasuryRef: 'TREAS-1401',
    });
  });
  afterAll(() => consoles.stop());

  it('given a school signed in as applicant, when it opens its internship application, then the interns show masked with their reward in yuan and the tranche totals ¥22,600.00', async () => {
    const c = await open('school');
    const list = region(c.page, '实习奖励申报');
    const row = list.getByRole('row', { name: new RegExp(s.internship) });
    await row.waitFor();
    expect(await text(row)).toContain('已批准');
    expect(await text(row)).toContain('¥22,600.00');
    // A school has no seat applications, balance or roster upload.
    expect(await c.page.getByRole('region', { name: '我的申报' }).count()).toBe(0);
    await row.click();
    const interns = list.getByRole('table', { name: '实习人员' });
    await interns.locator('tbody tr').first().waitFor();
    expect(await interns.locator('tbody tr').count()).toBe(50);
    const first = await interns.locator('tbody tr').first().locator('td').allTextContents();
    expect(first).toEqual(['实习生0', masked(P(0)), '✓', '¥1,000.00']);
    expect(await text(list)).not.toContain(P(0));
    const tranches = list.getByRole('table', { name: '拨付期次' });
    expect(await text(tranches)).toContain('¥22,600.00');
    expect(await text(list)).toContain('留用率');
    await healthy(c);
  });

  it('given an enterprise applicant, when it opens its site application, then the lease shows with its address and no tranche yet; the roster is picked through a Chinese button', async () => {
    const c = await open('applicant');
    const list = region(c.page, '场地补贴申报');
    const row = list.getByRole('row', { name: new RegExp(s.site) });
    await row.waitFor();
    expect(await text(row)).toContain('租赁');
    expect(await text(row)).toContain('大同市平城区御河西路 100 号');
    expect(await text(row)).toContain('已提交');
    await row.click();
    await list.getByText('尚未核定拨付期次').waitFor();

    const form = region(c.page, '新建岗位补贴申报（上传花名册）');
    expect(await text(form)).toContain('未选择文件');
    const chooser = c.page.waitForEvent('filechooser');
    await form.getByRole('button', { name: '选择花名册文件…' }).click();
    await (
      await chooser
    ).setFiles({
      name: '花名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`姓名,身份证号,months\n王五,${P(300)},2023-01~2023-03\n`),
    });
    await form.getByText('花名册.csv').waitFor();
    await form.getByText('1 条有效记录').waitFor();
    await healthy(c);
  });

  it('given site and internship applications, when the reviewer filters them by status, then each list shows what matches, in Chinese, and opens the detail', async () => {
    const c = await open('reviewer');
    const internships = region(c.page, '实习奖励申报');
    await internships.getByRole('row', { name: new RegExp(s.internship) }).waitFor();
    await internships.getByLabel('状态').selectOption({ label: '已提交' });
    await internships.getByText('暂无数据').waitFor();
    await internships.getByLabel('状态').selectOption({ label: '已批准' });
    await internships.getByRole('row', { name: new RegExp(s.internship) }).click();
    await internships.getByRole('table', { name: '实习人员' }).waitFor();

    const sites = region(c.page, '场地补贴申报');
    const row = sites.getByRole('row', { name: new RegExp(s.site) });
    expect(await text(row)).toContain(A);
    await sites.getByLabel('状态').selectOption({ label: '已批准' });
    await sites.getByText('暂无数据').waitFor();
    await healthy(c);
  });

  it('given a recovery and a remittance, when finance opens recoveries, then the case shows what came back with its bank reference and date, and the year’s not-remitted share', async () => {
    const c = await open('finance');
    const recoveries = region(c.page, '追回款');
    await recoveries.getByLabel('年度').fill('2023');
    // Recovered ¥1,000.00 in 2023, ¥400.00 of it remitted.
    const year = recoveries.locator('dl.remittance', { hasText: '¥1,000.00' });
    await year.waitFor();
    expect(await year.locator('dd').allTextContents()).toEqual(['¥1,000.00', '¥400.00', '¥600.00']);
    const row = recoveries.getByRole('row', { name: new RegExp(s.caseId) });
    expect(await text(row)).toContain('¥2,500.00');
    expect(await text(row)).toContain('¥1,000.00');
    await row.click();
    const detail = recoveries.getByRole('table', { name: /案件追回明细/ });
    await detail.locator('tbody tr').first().waitFor();
    expect(await detail.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '2023-05-10',
      '¥1,000.00',
      'BACK-1401',
    ]);
    expect(await text(detail.locator('caption'))).toContain('¥1,500.00');
    await healthy(c);
  });

  it('given the case, when the supervisor closes it, then the outcome reads in Chinese only; in English, in English only', async () => {
    const c = await open('supervisor');
    const close = region(c.page, '结案');
    const options = close.getByLabel('结论').locator('option');
    expect(await options.allTextContents()).toEqual(['成立', '不成立']);
    await c.page.getByRole('button', { name: 'English' }).click();
    const closeEn = region(c.page, 'Close the case');
    expect(await closeEn.getByLabel('Outcome').locator('option').allTextContents()).toEqual([
      'Upheld',
      'Dismissed',
    ]);
    await c.page.getByRole('button', { name: '中文' }).click();
    await healthy(c);
  });

  it('given the enterprise’s history, when the auditor reads the timeline, then event types show in Chinese, and by their names under English', async () => {
    const c = await open('auditor');
    await region(c.page, '余额查询').getByLabel('统一社会信用代码').fill(A);
    const history = region(c.page, '企业全部历史');
    await history.getByText('拨付到账').first().waitFor();
    const timeline = await text(history.locator('ol.timeline'));
    expect(timeline).toContain('企业登记');
    expect(timeline).toContain('立案');
    expect(timeline).toContain('追回款登记');
    expect(timeline).not.toMatch(/TrancheDisbursed|EnterpriseRegistered/);
    await healthy(c);
    await c.page.getByRole('button', { name: 'English' }).click();
    await history.page().getByText('TrancheDisbursed').first().waitFor();
  });
});
