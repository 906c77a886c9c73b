import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { ruleArticle } from '@ledger/domain/policy/rule-articles';
import { XMLParser } from 'fast-xml-parser';
import * as fs from 'node:fs';
import { Page } from 'playwright-core';
import { LedgerClient, tokenFor } from '../support/ledger-process';
import { ConsoleBrowser, healthy, refusal, region, text } from './support/browser';

/**
 * Issue #14 point 7, in a real browser against the real API process: a finance
 * officer records the year's budget, a reviewer verifies the enterprise's
 * account, finance gathers the payable tranche into a batch, a second finance
 * officer approves it (the maker is refused, R-SOD) and downloads the pain.001
 * file, a camt.053 statement built from that file is uploaded and the tranche
 * shows as paid; the same statement again changes nothing. Every check is on
 * what the page shows (Chinese text, ¥ amounts). Steps depend on each other.
 */
jest.setTimeout(180_000);

const A = makeCreditCode(1_451);
const NAME = '大同云帆呼叫有限公司';
const ACCOUNT = '6222020200112238765';
const DEBTOR = {
  LEDGER_DEBTOR_NAME: '大同市财政局',
  LEDGER_DEBTOR_ACCOUNT: '0502021234567890123',
  LEDGER_DEBTOR_BANK_CODE: '102162000015',
  // The budget is part of the story: approvals commit it (the test support turns it off by default).
  LEDGER_BUDGET_CONTROL: 'on',
};

/** A camt.053.001.02 statement as the bank sends it back: one booked debit per entry. */
function camt053(entries: { amount: string; e2e: string; ref: string }[]): string {
  const ntry = entries
    .map(
      (e) =>
        `<Ntry><Amt Ccy="CNY">${e.amount}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2023-03-22</Dt></BookgDt><ValDt><Dt>2023-03-22</Dt></ValDt><AcctSvcrRef>${e.ref}</AcctSvcrRef><BkTxCd/><NtryDtls><TxDtls><Refs><EndToEndId>${e.e2e}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2023-03-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>STMT-20230322</Id><CreDtTm>2023-03-23T08:00:00</CreDtTm><Acct><Id><Othr><Id>${DEBTOR.LEDGER_DEBTOR_ACCOUNT}</Id></Othr></Id></Acct>${ntry}</Stmt></BkToCstmrStmt></Document>`;
}

describe('the bank cycle, clicked through in Chromium', () => {
  let http: LedgerClient;
  const s: Record<string, string> = {};
  const tokens = {
    reviewer: tokenFor('rita', 'reviewer'),
    fay: tokenFor('fay', 'finance'),
    finn: tokenFor('finn', 'finance'),
  };
  const consoles = new ConsoleBrowser('console-bank-cycle', tokens, DEBTOR);
  const { open, opened } = consoles;
  const tab = async (page: Page, name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
    expect(await page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected')).toBe(
      'true',
    );
  };

  beforeAll(async () => {
    http = new LedgerClient((await consoles.start()).baseUrl);
    const created = await http.as(tokens.reviewer).post('/v1/enterprises', {
      creditCode: A,
      name: NAME,
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-05',
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => consoles.stop());

  it('given no budget, when finance records the 2023 seat appropriation and cuts it, then the list shows appropriated and available in yuan', async () => {
    const c = await open('fay');
    await tab(c.page, '预算');
    const add = region(c.page, '下达预算指标');
    await add.getByLabel('项目').selectOption('seat');
    await add.getByLabel('预算年度').fill('2023');
    await add.getByLabel('金额（元）').fill('1,000,000');
    await add.getByLabel('文件文号').fill('同财社〔2023〕12号');
    await add.getByRole('button', { name: '提交' }).click();
    await add.getByRole('status').filter({ hasText: 'seat-2023' }).waitFor();

    const list = region(c.page, '预算指标');
    await list.getByLabel('预算年度').fill('2023');
    const row = list.locator('tr[data-budget="seat-2023"]');
    await row.waitFor();
    expect(await text(row)).toContain('岗位补贴');
    expect(await text(row.locator('td.available'))).toBe('¥1,000,000.00');

    const adjust = region(c.page, '预算调整');
    await adjust.getByLabel('调整金额（元，调减填负数）').fill('-200000');
    await adjust.getByLabel('决定日期').fill('2023-02-01');
    await adjust.getByLabel('文件文号').fill('同财社〔2023〕47号');
    await adjust.getByLabel('理由').fill('年中预算调整');
    await adjust.getByRole('button', { name: '提交' }).click();
    await adjust.getByRole('status').waitFor();
    await row.locator('td.available', { hasText: '¥800,000.00' }).waitFor();
    await healthy(c);
  });

  it('given the budget, when an application is approved and its tranche published (over the API), then it commits ¥5,000.00 of it', async () => {
    const applicant = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
    const app = await http.as(applicant).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [31, 42].map((n, k) => ({
        personId: makeResidentId('140202', `1990031${k}`, n),
        name: `员工${k}`,
        wageMonths: ['2023-01', '2023-02'],
        insuranceMonths: ['2023-01', '2023-02'],
      })),
    });
    expect(app.status).toBe(201);
    const review = await http
      .as(tokens.reviewer)
      .post(`/v1/seat-applications/${app.body.applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: app.body.claims.map((x: any) => ({ claimId: x.claimId, approve: true })),
      });
    expect(review.status).toBe(200);
    const tranche = await http
      .as(tokens.fay)
      .post(`/v1/seat-applications/${app.body.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-10',
      });
    expect(tranche.status).toBe(201);
    s.tranche = tranche.body.trancheId;
    const notice = await http.as(tokens.reviewer).post('/v1/publicity', {
      trancheIds: [s.tranche],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(notice.status).toBe(201);
    const budgets = await http
      .as(tokens.fay)
      .get(`/v1/budgets?fiscalYear=2023&minPosition=${notice.body.position}`);
    expect(budgets.body.items[0]).toMatchObject({
      committedFen: 500_000,
      availableFen: 79_500_000,
    });
  });

  it('given ¥5,000.00 committed, when finance cuts the budget below it, then the page shows the commitment and the refusal citing R-BUDGET', async () => {
    const page = opened[0].page;
    await page.reload();
    expect(
      await page.getByRole('tab', { name: '预算', exact: true }).getAttribute('aria-selected'),
    ).toBe('true');
    const list = region(page, '预算指标');
    await list.getByLabel('预算年度').fill('2023');
    const row = list.locator('tr[data-budget="seat-2023"]');
    await row.locator('td.available', { hasText: '¥795,000.00' }).waitFor();
    expect(await text(row)).toContain('¥5,000.00');
    const adjust = region(page, '预算调整');
    await adjust.getByLabel('调整金额（元，调减填负数）').fill('-795,000.01');
    await adjust.getByLabel('决定日期').fill('2023-06-30');
    await adjust.getByLabel('文件文号').fill('同财社〔2023〕88号');
    await adjust.getByLabel('理由').fill('调减');
    await adjust.getByRole('button', { name: '提交' }).click();
    expect(await refusal(adjust)).toBe('R-BUDGET');
    expect(await text(row.locator('td.available'))).toBe('¥795,000.00');
  });

  it('given the enterprise, when the reviewer enters an 11-digit bank code, then the page says so before sending; the right one is verified and its history shows the number masked', async () => {
    const c = await open('reviewer');
    await tab(c.page, '收款账户');
    const form = region(c.page, '收款账户登记与核验');
    await form.getByLabel('统一社会信用代码').fill(A);
    await form.getByLabel('户名').fill(NAME);
    await form.getByLabel('账号').fill(ACCOUNT);
    await form.getByLabel('开户行').fill('中国工商银行大同分行');
    await form.getByLabel('联行号（12位）').fill('10216200002');
    await form.getByLabel('核验日期').fill('2023-03-15');
    expect(await text(form.locator('.field-error'))).toContain('须为12位数字');
    expect(await form.getByRole('button', { name: '登记并核验' }).isDisabled()).toBe(true);

    await form.getByLabel('联行号（12位）').fill('102162000023');
    expect(await form.locator('.field-error').count()).toBe(0);
    await form.getByRole('button', { name: '登记并核验' }).click();
    await form.getByRole('status').filter({ hasText: '已完成' }).waitFor();
    const history = region(c.page, '账户历史');
    const row = history.locator('tbody tr').first();
    await row.waitFor();
    expect(await text(row.locator('.account-number'))).toBe(`${'*'.repeat(15)}8765`);
    expect(await text(row)).toContain('当前账户');
    expect(await text(c.page.locator('main'))).not.toContain(ACCOUNT);
    await healthy(c);
  });

  it('given a payable tranche, when finance picks it into a batch with an unknown one, then the batch shows the transfer in yuan and the unknown one refused with its rule; its maker cannot approve it (R-SOD)', async () => {
    const c = opened[0];
    await tab(c.page, '支付批次');
    const form = region(c.page, '生成支付批次');
    await form.getByRole('row', { name: new RegExp(s.tranche.replace(/\./g, '\\.')) }).click();
    const box = form.getByLabel('拨付批次编号（每行一个，点击上表可加入）');
    expect(await box.inputValue()).toBe(s.tranche);
    await box.fill(`${s.tranche}\nnope.t1`);
    await form.getByLabel('生成日期').fill('2023-03-20');
    await form.getByRole('button', { name: /生成支付批次/ }).click();
    await form.locator('.batch-id').waitFor();
    s.batch = await text(form.locator('.batch-id'));
    expect(await text(form.locator('.batch-total'))).toBe('¥5,000.00');
    const item = form.locator(`.batch-items tr[data-tranche="${s.tranche}"]`);
    expect(await text(item)).toContain(NAME);
    expect(await text(item)).toContain(`${'*'.repeat(15)}8765`);
    expect(await text(item)).toContain('¥5,000.00');
    s.item = await text(item.locator('td code'));
    const refused = form.locator('.batch-refused tr[data-tranche="nope.t1"]');
    expect(await text(refused.locator('.rule'))).toBe('R-PAY');
    expect(await text(refused.locator('.article'))).toBe(ruleArticle('R-PAY')?.zh);

    // The new batch opens below the list, awaiting approval; its file cannot be had yet.
    const list = region(c.page, '支付批次列表');
    const listed = list.locator('tbody tr').first();
    await listed.getByRole('button', { name: s.batch }).waitFor();
    expect(await text(listed)).toContain('待审批');
    const approve = region(c.page, '审批支付批次与下载支付文件');
    await approve.locator(`.batch[data-batch="${s.batch}"]`).waitFor();
    expect(await text(approve.locator('.batch-status'))).toBe('待审批');
    expect(
      await approve.getByRole('button', { name: '下载支付指令（pain.001 XML）' }).isDisabled(),
    ).toBe(true);
    await approve.getByLabel('审批日期').fill('2023-03-21');
    await approve.getByRole('button', { name: '审批通过' }).click();
    expect(await refusal(approve)).toBe('R-SOD');
    await healthy(c);
  });

  it('given the batch, when a second finance officer approves it and downloads the pain.001, then the file carries the transfer, its count and control sum', async () => {
    const c = await open('finn');
    await tab(c.page, '支付批次');
    // The second officer is handed no id: the batch awaiting approval heads the list.
    const list = region(c.page, '支付批次列表');
    const first = list.locator('tbody tr').first();
    await first.getByRole('button', { name: s.batch }).waitFor();
    expect(await text(first)).toContain('待审批');
    expect(await text(first)).toContain('fay');
    expect(await text(first)).toContain('¥5,000.00');
    await first.getByRole('button', { name: s.batch }).click();
    const approve = region(c.page, '审批支付批次与下载支付文件');
    const item = approve.locator(`.batch-items tr[data-tranche="${s.tranche}"]`);
    await item.waitFor();
    expect(await text(item)).toContain(NAME);
    expect(await text(item)).toContain(`${'*'.repeat(15)}8765`);
    expect(await text(approve.locator('.batch-total'))).toBe('¥5,000.00');
    await approve.getByLabel('审批日期').fill('2023-03-21');
    await approve.getByRole('button', { name: '审批通过' }).click();
    const done = approve.getByRole('status');
    await done.waitFor();
    expect(await text(done)).toContain('审批人 finn');
    // Approved, the batch says so in the list and in its view, and the approval form is gone.
    await approve.locator('.batch[data-status="approved"]').waitFor();
    expect(await text(approve.locator('.batch-approval'))).toBe('finn · 2023-03-21');
    expect(await approve.getByRole('button', { name: '审批通过' }).count()).toBe(0);
    await first.filter({ hasText: '已批准' }).waitFor();

    const [download] = await Promise.all([
      c.page.waitForEvent('download'),
      approve.getByRole('button', { name: '下载支付指令（pain.001 XML）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${s.batch}.pain.001.xml`);
    s.pain = fs.readFileSync((await download.path()) as string, 'utf8');
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      isArray: (name) => name === 'CdtTrfTxInf',
    }).parse(s.pain);
    expect(doc.Document['@xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const init = doc.Document.CstmrCdtTrfInitn;
    expect(init.GrpHdr).toMatchObject({ MsgId: s.batch, NbOfTxs: '1', CtrlSum: '5000.00' });
    const txs = init.PmtInf.CdtTrfTxInf;
    const sumFen = txs.reduce(
      (sum: number, tx: any) => sum + Number(tx.Amt.InstdAmt['#text'].replace('.', '')),
      0,
    );
    expect(sumFen).toBe(500_000);
    expect(txs[0].PmtId.EndToEndId).toBe(s.item);
    expect(txs[0].CdtrAcct.Id.Othr.Id).toBe(ACCOUNT);

    const [csv] = await Promise.all([
      c.page.waitForEvent('download'),
      approve.getByRole('button', { name: '下载支付指令（CSV）' }).click(),
    ]);
    expect(fs.readFileSync((await csv.path()) as string, 'utf8')).toContain(s.item);
    await healthy(c);
  });

  it('given the bank paid the file, when its camt.053 is uploaded, then the tranche shows paid and the stray line unmatched; uploaded again, the page says nothing changed', async () => {
    const c = opened[opened.length - 1];
    const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(
      s.pain,
    );
    const statement = camt053([
      ...doc.Document.CstmrCdtTrfInitn.PmtInf.CdtTrfTxInf.map((tx: any, i: number) => ({
        amount: tx.Amt.InstdAmt,
        e2e: tx.PmtId.EndToEndId,
        ref: `ICBC-20230322-${i + 1}`,
      })),
      { amount: '100.00', e2e: 'ffffffffffffffffffffffff-9', ref: 'ICBC-20230322-99' },
    ]);
    await tab(c.page, '银行对账');
    const form = region(c.page, '银行对账单导入');
    const upload = async () => {
      await form.getByLabel('对账单文件').setInputFiles({
        name: 'camt053.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(statement),
      });
      await form.getByRole('button', { name: '导入并对账' }).click();
      await form.locator('.reconciliation').waitFor();
    };
    // A malformed statement is refused whole, with the line that failed; nothing is shown as reconciled.
    await form.getByLabel('对账单文件').setInputFiles({
      name: 'statement.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned\n2023-03-22,DBIT,5000.001,CNY,ICBC-1,${s.item},,false\n`,
      ),
    });
    await form.getByRole('button', { name: '导入并对账' }).click();
    const bad = form.getByRole('alert');
    await bad.waitFor();
    expect(await bad.getAttribute('data-status')).toBe('400');
    expect(await text(bad)).toContain('line 1');
    expect(await form.locator('.reconciliation').count()).toBe(0);

    await upload();
    expect(await text(form.getByRole('status'))).toBe('对账完成');
    const paid = form.locator(`.paid-lines tr[data-tranche="${s.tranche}"]`);
    expect(await text(paid)).toContain('¥5,000.00');
    expect(await text(form.locator('.count-paid'))).toBe('1');
    expect(await text(form.locator('.count-unmatched'))).toBe('1');
    expect(await text(form.locator('.unmatched-lines tbody tr'))).toMatch(/^2/);

    await upload();
    await form.locator('.repeat').waitFor();
    expect(await text(form.locator('.repeat'))).toContain('本次未做任何更改');
    expect(await text(form.locator('.count-paid'))).toBe('1');
    const paidOnce = await http.as(tokens.finn).get('/v1/tranches?status=paid');
    expect(paidOnce.body.items.map((t: any) => t.trancheId)).toEqual([s.tranche]);

    // What finance sees after: the budget paid, the execution report, the tranche gone from 待支付.
    await tab(c.page, '预算');
    const list = region(c.page, '预算指标');
    await list.getByLabel('预算年度').fill('2023');
    const row = list.locator('tr[data-budget="seat-2023"]');
    await row.locator('td.paid', { hasText: '¥5,000.00' }).waitFor();
    await tab(c.page, '报表');
    await c.page.getByLabel('预算年度').fill('2023');
    const execution = region(c.page, '预算执行情况');
    const rate = execution.locator('tr[data-programme="seat"] td.rate');
    await rate.waitFor();
    expect(await text(rate)).toBe('0.62%');
    await execution.locator('figure canvas, figure svg').first().waitFor();
    const remittances = region(c.page, '追回款缴库');
    await remittances.locator('.not-remitted').waitFor();
    expect(await text(remittances.locator('.not-remitted'))).toBe('¥0.00');
    // Nothing was recovered this year: remitting anything is refused, citing the rule.
    await remittances.getByLabel('金额（元）').fill('100');
    await remittances.getByLabel('缴款书编号').fill('缴库-2023-0001');
    await remittances.getByRole('button', { name: '登记缴库' }).click();
    expect(await refusal(remittances)).toBe('R-FRAUD');
    // The programme-year report as the API has it: its table, or a plain note while the route is missing.
    const yearReport = region(c.page, '项目年度报表');
    const fromApi = await http
      .as(tokens.finn)
      .get('/v1/reports/programme-year?fiscalYear=2023&format=json');
    if (fromApi.status === 404) {
      await yearReport.locator('.not-available').waitFor();
      expect(await text(yearReport)).toContain('尚不可用');
    } else {
      expect(fromApi.status).toBe(200);
      const totals = yearReport.locator('table.programme-year tr.totals-row');
      await totals.waitFor();
      expect(await text(totals)).toContain('¥5,000.00');
      expect(await yearReport.getByRole('button', { name: '下载 Excel 报表' }).count()).toBe(1);
    }
    await tab(c.page, '待支付');
    const payable = region(c.page, '待支付的拨付期次');
    await payable.getByText('暂无数据').waitFor();
    expect(await text(payable)).not.toContain(s.tranche);
    await healthy(c);
  });

  it('given the tab 待支付, when it is shown, then its heading reads once and still names the list', async () => {
    const c = await open('fay');
    await tab(c.page, '待支付');
    const payable = region(c.page, '待支付的拨付期次');
    await payable.getByRole('table', { name: '待支付的拨付期次', exact: true }).waitFor();
    expect(await c.page.getByText('待支付的拨付期次', { exact: true }).count()).toBe(1);
  });

  it('given the paid tranche, when the bank sends it back and finance records the return by hand, then a date before the payment is refused with its rule, and once recorded the tranche is payable again', async () => {
    const c = opened[opened.length - 1];
    await tab(c.page, '待支付');
    const paid = region(c.page, '已支付的拨付期次');
    const row = paid.getByRole('row', { name: new RegExp(s.tranche.replace(/\./g, '\\.')) });
    expect(await text(row)).toContain('¥5,000.00');
    expect(await text(row)).toContain('2023-03-22');
    await row.click();
    expect(await paid.getByLabel('支付编号').inputValue()).toBe(s.item);
    await paid.getByLabel('退票日期').fill('2023-03-01');
    await paid.getByLabel('退票银行流水号').fill('ICBC-RET-20230325');
    await paid.getByLabel('退票原因').fill('收款账户已销户');
    await paid.getByRole('button', { name: '登记退票' }).click();
    expect(await refusal(paid)).toBe('R-DATE');

    await paid.getByLabel('退票日期').fill('2023-03-25');
    await paid.getByRole('button', { name: '登记退票' }).click();
    await paid.getByRole('status').filter({ hasText: '退票已登记' }).waitFor();
    const payable = region(c.page, '待支付的拨付期次');
    const again = payable.getByRole('row', { name: new RegExp(s.tranche.replace(/\./g, '\\.')) });
    await again.waitFor();
    expect(await text(again)).toContain('¥5,000.00');
    await paid.getByText('暂无数据').waitFor();

    // The batch keeps what happened: the item paid on the 22nd and sent back on the 25th.
    await tab(c.page, '支付批次');
    await region(c.page, '支付批次列表').getByRole('button', { name: s.batch }).click();
    const view = region(c.page, '审批支付批次与下载支付文件');
    const item = view.locator(`.batch-items tr[data-tranche="${s.tranche}"]`);
    await item.locator('td.returned-on', { hasText: '2023-03-25' }).waitFor();
    expect(await text(item.locator('td.paid-on'))).toBe('2023-03-22');
    await healthy(c);
  });
  it("given the tranche paid again on 2023-12-28 and sent back on 2024-01-05 (over the API), when finance opens the 2024 budgets, then paid is ¥0.00 and the return shows as an earlier year's (以前年度支出收回)", async () => {
    const paid = await http.as(tokens.fay).post(`/v1/tranches/${s.tranche}/disbursements`, {
      paidOn: '2023-12-28',
      amountFen: 500_000,
      bankRef: 'ICBC-20231228-0007',
    });
    expect(paid.status).toBe(201);
    const back = await http
      .as(tokens.fay)
      .post(`/v1/disbursements/${paid.body.disbursementId}/return`, {
        returnedOn: '2024-01-05',
        bankRef: 'ICBC-RET-20240105',
        reason: '户名不符',
      });
    expect(back.status).toBe(201);
    const budget = await http.as(tokens.fay).post('/v1/budgets', {
      programme: 'seat',
      fiscalYear: 2024,
      amountFen: 100_000_000,
      documentRef: '同财社〔2024〕3号',
    });
    expect(budget.status).toBe(201);

    const c = opened[opened.length - 1];
    await tab(c.page, '预算');
    const list = region(c.page, '预算指标');
    await list.getByLabel('预算年度').fill('2024');
    const row = list.locator('tr[data-budget="seat-2024"]');
    await row.waitFor();
    const paidCell = row.locator('td.paid');
    await paidCell.locator('.earlier-years-returned').waitFor();
    expect(await text(paidCell)).toContain('¥0.00');
    expect(await text(paidCell.locator('.earlier-years-returned'))).toContain(
      '以前年度支出收回（退票） ¥5,000.00',
    );
    await healthy(c);
  });
});
