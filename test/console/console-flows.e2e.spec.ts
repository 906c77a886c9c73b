import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import ExcelJS from 'exceljs';
import { LedgerClient, tokenFor } from '../support/ledger-process';
import {
  answerUnavailable,
  ConsoleBrowser,
  ConsolePage,
  healthy,
  refusal,
  region,
  text,
} from './support/browser';

/**
 * Issue #13, in a real browser against the real API process: an applicant
 * uploads a roster, a reviewer approves it, finance approves the tranche, the
 * reviewer composes and prints the 7-day notice, finance pays it once the notice
 * is over (business dates stand in for time passing), a supervisor opens a case
 * and records a finding, and the clawback appears in the trace; the auditor
 * reads the balance. Every check is on what the page shows. Steps depend on
 * each other.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(1301);
const P1 = makeResidentId('140202', '19900315', 31);
const P2 = makeResidentId('140202', '19910416', 42);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const TYPO = `${P1.slice(0, 17)}${P1[17] === '0' ? '1' : '0'}`;

async function rosterXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', 'months']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the console, clicked through by each role in Chromium', () => {
  const byRole: Partial<Record<keyof typeof tokens, ConsolePage>> = {};
  const s: Record<string, string> = {};
  const tokens = {
    applicant: tokenFor('a-clerk', 'applicant', { enterpriseId: A }),
    reviewer: tokenFor('rita', 'reviewer'),
    finance: tokenFor('fay', 'finance'),
    supervisor: tokenFor('sue', 'supervisor'),
    auditor: tokenFor('al', 'auditor'),
  };
  const consoles = new ConsoleBrowser('console-flows', tokens);
  const open = async (role: keyof typeof tokens) => {
    const c = await consoles.open(role);
    byRole[role] = c;
    return c;
  };

  beforeAll(async () => {
    const ledger = await consoles.start();
    const created = await new LedgerClient(ledger.baseUrl, tokens.reviewer).post(
      '/v1/enterprises',
      {
        creditCode: A,
        name: '大同云声呼叫有限公司',
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      },
    );
    expect(created.status).toBe(201);
  });
  afterAll(() => consoles.stop());

  it('given a sign-in link, when the applicant opens it, then the token moves to sessionStorage, leaves the URL, and the applicant menu shows in Chinese', async () => {
    const c = await open('applicant');
    expect(c.page.url()).not.toContain('token');
    expect(await c.page.evaluate("sessionStorage.getItem('ledger.token')")).toBe(tokens.applicant);
    expect(await c.page.evaluate('localStorage.length')).toBe(0);
    expect(await text(c.page.locator('header .role'))).toBe('申报单位');
    expect(await c.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The list is named by its section's heading, not by a second caption saying the same.
    const mine = region(c.page, '我的申报');
    await mine.getByRole('table', { name: '我的申报' }).waitFor();
    expect(await mine.getByText('我的申报', { exact: true }).count()).toBe(1);
    await healthy(c);
  });

  it('given a roster with a wrong check digit, when uploaded, then the bad row is shown and nothing can be sent; a good xlsx roster is submitted', async () => {
    const page = byRole.applicant!.page;
    const form = region(page, '新建岗位补贴申报（上传花名册）');
    await form.getByLabel('花名册文件').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `姓名,身份证号,months\n张三,${TYPO},2022-11~2023-02\n李四,${P2},2022-11~2023-02\n`,
      ),
    });
    await form.locator('tr.bad-row').first().waitFor();
    expect(await text(form.locator('tr.bad-row'))).toContain('身份证号无效');
    expect(await text(form.locator('tr.bad-row td').first())).toBe('2');
    expect(await form.getByRole('button', { name: '提交' }).isDisabled()).toBe(true);

    await form.getByLabel('花名册文件').setInputFiles({
      name: 'roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx([
        ['张三', P1, '2022-11~2023-02'],
        ['李四', P2, '2022-11~2023-02'],
      ]),
    });
    await form.getByText('2 条有效记录').waitFor();
    await form.getByLabel('申报日期').fill('2023-03-01');
    await form.getByRole('button', { name: '提交' }).click();
    await form.locator('.application-id').waitFor();
    s.app = await text(form.locator('.application-id'));
    const claims = form.locator('li[data-claim]');
    expect(await claims.count()).toBe(2);
    s.claimP1 = (await claims.first().getAttribute('data-claim')) ?? '';
    expect(await text(claims.first())).toContain('已提交');
  });

  it('given the application, when the reviewer approves both claims, then they show as approved', async () => {
    const c = await open('reviewer');
    await healthy(c);
    // The queue lists it; a click opens it for review.
    await region(c.page, '待审核申报')
      .getByRole('row', { name: new RegExp(s.app) })
      .click();
    const review = region(c.page, '审核申报');
    expect(await review.getByLabel('申请编号').inputValue()).toBe(s.app);
    const rows = review.locator('tr[data-claim]');
    await rows.first().waitFor();
    for (let i = 0; i < (await rows.count()); i++)
      await rows.nth(i).getByLabel('批准', { exact: true }).check();
    await review.getByLabel('决定日期').fill('2023-03-05');
    await review.getByRole('button', { name: '保存审核结果' }).click();
    await review.getByRole('status').filter({ hasText: '已完成' }).waitFor();
    await review.locator('td.status', { hasText: '已批准' }).nth(1).waitFor();
    // The screen shows the masked number even to roles the API would show it in full.
    expect(await text(rows.first().locator('td.id'))).toBe(masked(P1));
  });

  it('given approved claims, when finance approves the first tranche, then it shows ¥5,000.00', async () => {
    const c = await open('finance');
    await healthy(c);
    const form = region(c.page, '核定拨付期次');
    await form.getByLabel('申请编号').fill(s.app);
    await form.getByLabel('期次').fill('1');
    await form.getByLabel('决定日期').fill('2023-03-10');
    await form.getByRole('button', { name: '提交' }).click();
    await form.locator('.tranche-id').waitFor();
    s.tranche = await text(form.locator('.tranche-id'));
    expect(await text(form.getByRole('status'))).toContain('¥5,000.00');
  });

  it('given the tranche, when the reviewer composes a notice, then a short one is refused citing 第七条 and a 7-day one prints on A4 with masked IDs', async () => {
    const page = byRole.reviewer!.page;
    await page.reload();
    const form = region(page, '编制公示（不少于7天）');
    await form.getByRole('row', { name: new RegExp(s.tranche) }).click();
    expect(await form.getByLabel('拨付期次').inputValue()).toBe(s.tranche);
    await form.getByLabel('公示开始').fill('2023-03-11');
    await form.getByLabel('公示结束').fill('2023-03-13');
    await form.getByRole('button', { name: '提交' }).click();
    expect(await refusal(form)).toBe('R-PUB');

    await form.getByLabel('公示结束').fill('2023-03-17');
    await form.getByLabel('公示地点').fill('大同市人社局网站及企业公告栏');
    await form.getByRole('button', { name: '提交' }).click();
    const notice = form.locator('article.notice');
    await notice.locator('tbody tr').nth(1).waitFor();
    const body = await text(notice);
    expect(body).toContain('拟拨付公示');
    expect(body).toContain('张三');
    expect(body).toContain(masked(P1));
    expect(body).not.toContain(P1);
    expect(body).toContain('¥2,500.00');
    expect(body).toContain('¥5,000.00');
    expect(body).toContain('公示期：2023-03-11 至 2023-03-17');
    expect(body).toContain('大同市人社局网站及企业公告栏');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await region(page, '审核申报').isVisible()).toBe(false);
    expect(await notice.isVisible()).toBe(true);
    expect(await form.getByRole('button', { name: '打印公示' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('given the notice, when finance pays before it is over, then the refusal cites the rule and article in Chinese; after it, the payment goes through', async () => {
    const page = byRole.finance!.page;
    await page.reload();
    const pay = region(page, '待支付的拨付期次');
    await pay.getByRole('row', { name: new RegExp(s.tranche) }).click();
    expect(await pay.getByLabel('拨付期次', { exact: true }).inputValue()).toBe(s.tranche);
    expect(await pay.getByLabel('金额 (¥)').inputValue()).toBe('¥5,000.00');
    await pay.getByLabel('支付日期').fill('2023-03-15');
    await pay.getByLabel('银行流水号').fill('ICBC-C-0001');
    await pay.getByRole('button', { name: '支付' }).click();
    // R-PUB, or R-DATE when the date goes back before what the tranche has already seen.
    expect(['R-PUB', 'R-PAY', 'R-DATE']).toContain(await refusal(pay));

    await pay.getByLabel('支付日期').fill('2023-03-20');
    await pay.getByRole('button', { name: '支付' }).click();
    await pay.getByRole('status').filter({ hasText: '已支付' }).waitFor();
    await page.reload();
    await pay.getByText('暂无数据').waitFor();
  });

  it('given the payment, when a supervisor opens a case and records a finding on one claim, then the trace shows the clawback, the payment and the timeline', async () => {
    const c = await open('supervisor');
    await healthy(c);
    const openCase = region(c.page, '立案');
    await openCase.getByLabel('统一社会信用代码').fill(A);
    await openCase.getByLabel('立案日期').fill('2023-04-01');
    await openCase.getByLabel('理由').fill('举报：虚报在岗人员');
    await openCase.getByRole('button', { name: '提交' }).click();
    await openCase.locator('.case-id').waitFor();
    s.caseId = await text(openCase.locator('.case-id'));

    const finding = region(c.page, '记录认定结果');
    expect(await finding.getByLabel('案件编号').inputValue()).toBe(s.caseId);
    await finding.getByLabel('认定日期').fill('2023-04-10');
    await finding.getByLabel('虚假申报项（逗号分隔）').fill(s.claimP1);
    await finding.getByLabel('说明').fill('张三未实际在岗');
    await finding.getByRole('button', { name: '提交' }).click();
    await finding.getByRole('status').filter({ hasText: '¥2,500.00' }).waitFor();

    const trace = region(c.page, '追回链路');
    await trace.locator('.clawback-due', { hasText: '¥2,500.00' }).waitFor();
    await trace.locator('canvas').first().waitFor();
    const timeline = await text(trace.locator('ol.timeline'));
    expect(timeline).toContain('2023-03-20');
    expect(timeline).toContain('ICBC-C-0001');
    expect(timeline).toContain('2023-04-10');
    expect(await text(trace)).toContain(masked(P1));
  });

  it('given the clawback, when the auditor reads the balance as of April 2023, then disbursed and clawback due show in yuan, the history lists the payment, and verify passes', async () => {
    const c = await open('auditor');
    await healthy(c);
    const balances = region(c.page, '余额查询');
    await balances.getByLabel('统一社会信用代码').fill(A);
    await balances.getByLabel('业务日期').fill('2023-04-30');
    const total = balances.locator('table.balance tbody tr').last();
    await total.locator('td', { hasText: '¥5,000.00' }).first().waitFor();
    // approved, disbursed, clawback due, recovered
    expect(await total.locator('td').allTextContents()).toEqual([
      '¥5,000.00',
      '¥5,000.00',
      '¥2,500.00',
      '¥0.00',
    ]);
    const history = region(c.page, '企业全部历史');
    await history.getByText('拨付到账').first().waitFor();

    const verify = region(c.page, '校验台账');
    await verify.getByRole('button', { name: '校验台账' }).click();
    await verify.locator('.verify-status.passed', { hasText: '通过' }).waitFor({ timeout: 60_000 });
    expect(await text(verify.getByRole('status'))).toMatch(/(\d+) \/ \1/);
  });

  it('given a verification running, when a read of its progress fails, then the page asks again and shows it passed', async () => {
    const c = await open('auditor');
    let failed = 0;
    let failing: () => void = () => undefined;
    const hasFailed = new Promise<void>((resolve) => (failing = resolve));
    // The progress of one verification by id; `latest` was read when the page opened.
    await c.context.route(/\/v1\/audit\/verifications\/(?!latest)[^/?]+$/, (route) => {
      if (failed > 0) return route.continue();
      failed++;
      failing();
      return answerUnavailable(route);
    });
    const verify = region(c.page, '校验台账');
    await verify.getByRole('button', { name: '校验台账' }).click();
    // The page shows this verification (running) from here on, not the one it opened on.
    await hasFailed;
    await verify.locator('.verify-status.passed', { hasText: '通过' }).waitFor({ timeout: 60_000 });
    expect(failed).toBe(1);
  });

  it('given a person’s cap chart, when the auditor edits the ID beside it, then the chart stays the same drawing, redrawn in place for another person', async () => {
    const c = await open('auditor');
    const cap = region(c.page, '个人补贴上限使用');
    const id = cap.getByLabel('身份证号');
    await id.fill(P1);
    const chart = cap.locator('.chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(masked(P1));
    // ECharts marks the element it draws in; a chart made again gets a new mark.
    const drawing = await chart.getAttribute('_echarts_instance_');
    expect(drawing).toBeTruthy();

    // Keystrokes re-render the section: its chart must not be disposed and made again.
    await id.press('Backspace');
    await id.press(P1.slice(-1));
    await c.page.waitForTimeout(500);
    expect(await chart.getAttribute('_echarts_instance_')).toBe(drawing);

    await id.fill(P2);
    await cap.getByRole('img', { name: new RegExp(masked(P2).replace(/\*/g, '\\*')) }).waitFor();
    expect(await chart.getAttribute('_echarts_instance_')).toBe(drawing);
    await healthy(c);
  });

  it('given any role, when English is chosen, then the menu switches and the API is asked in English; sign-out forgets the token', async () => {
    const { page } = byRole.applicant!;
    const languages: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/')) languages.push(r.headers()['accept-language']);
    });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Datong subsidy ledger' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Datong subsidy ledger' }).waitFor();
    await page.locator('table.balance').waitFor();
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(['en']));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Not signed in').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('ledger.token')")).toBeNull();
  });
});
