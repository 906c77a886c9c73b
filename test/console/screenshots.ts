/**
 * `npm run screenshots`: one PNG per role's main page in docs/images/, taken in
 * Debian's Chromium from a ledger seeded with a small story (two enterprises, a
 * paid tranche, a notice, a case with a finding, a duplicate-claim lead).
 */
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  LedgerClient,
  removeTempDataDirs,
  Role,
  startLedger,
  tempDataDir,
  tokenFor,
} from '../support/ledger-process';
import { launchChromium, openConsole } from './support/browser';

const OUT = path.resolve(__dirname, '../../docs/images');
const A = makeCreditCode(1401);
const B = makeCreditCode(1402);
const SCHOOL = makeCreditCode(1403);
const people = [
  ['张伟', makeResidentId('140202', '19900315', 31)],
  ['王芳', makeResidentId('140203', '19920708', 42)],
  ['李娜', makeResidentId('140211', '19950101', 53)],
] as const;

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y * 12 + m <= ty * 12 + tm) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};

async function ok<T>(p: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`seeding failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function main(): Promise<void> {
  const ledger = await startLedger(tempDataDir('screenshots'));
  const browser = await launchChromium();
  try {
    const as = (role: Role, extra: Record<string, string> = {}) =>
      new LedgerClient(ledger.baseUrl, tokenFor(`${role}-demo`, role, extra));
    const reviewer = as('reviewer');
    const finance = as('finance');
    for (const [creditCode, name] of [
      [A, '大同云声呼叫有限公司'],
      [B, '大同智标数据标注有限公司'],
    ])
      await ok(
        reviewer.post('/v1/enterprises', {
          creditCode,
          name,
          industry: 'call',
          seats: 300,
          registeredOn: '2023-01-05',
        }),
      );
    const claims = people.map(([name, personId]) => ({
      personId,
      name,
      wageMonths: months('2022-11', '2023-02'),
      insuranceMonths: months('2022-11', '2023-02'),
    }));
    const app = await ok<any>(
      as('applicant', { enterpriseId: A }).post('/v1/seat-applications', {
        enterpriseId: A,
        submittedOn: '2023-03-01',
        claims,
      }),
    );
    await ok(
      reviewer.post(`/v1/seat-applications/${app.applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: app.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
      }),
    );
    const t1 = await ok<any>(
      finance.post(`/v1/seat-applications/${app.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-10',
      }),
    );
    const notice = await ok<any>(
      reviewer.post('/v1/publicity', {
        trancheIds: [t1.trancheId],
        startsOn: '2023-03-11',
        endsOn: '2023-03-17',
        publishedAt: '大同市人社局网站',
      }),
    );
    await ok(
      finance.post(`/v1/tranches/${t1.trancheId}/disbursements`, {
        paidOn: '2023-03-20',
        amountFen: t1.amountFen,
        bankRef: 'ICBC-2023-000101',
      }),
    );
    // B claims one of A's people for the same months: refused, a lead for supervisors.
    await ok(
      as('applicant', { enterpriseId: B }).post('/v1/seat-applications', {
        enterpriseId: B,
        submittedOn: '2023-04-01',
        claims: [{ ...claims[0], wageMonths: months('2023-01', '2023-02') }],
      }),
    );
    const second = await ok<any>(
      as('applicant', { enterpriseId: B }).post('/v1/seat-applications', {
        enterpriseId: B,
        submittedOn: '2023-04-02',
        claims: [claims[2]].map((c) => ({
          ...c,
          personId: makeResidentId('140212', '19960606', 64),
        })),
      }),
    );
    // Reviewed, its tranche approved and published.
    const third = await ok<any>(
      as('applicant', { enterpriseId: A }).post('/v1/seat-applications', {
        enterpriseId: A,
        submittedOn: '2023-03-25',
        claims: [
          {
            personId: makeResidentId('140213', '19970707', 75),
            name: '赵磊',
            // A later application of the same enterprise needs six months (R-SEAT-2).
            wageMonths: months('2022-09', '2023-02'),
            insuranceMonths: months('2022-09', '2023-02'),
          },
        ],
      }),
    );
    await ok(
      reviewer.post(`/v1/seat-applications/${third.applicationId}/review`, {
        decidedOn: '2023-03-28',
        decisions: third.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
      }),
    );
    const t3 = await ok<any>(
      finance.post(`/v1/seat-applications/${third.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-30',
      }),
    );
    // Published and over: ready for finance to pay.
    await ok(
      reviewer.post('/v1/publicity', {
        trancheIds: [t3.trancheId],
        startsOn: '2023-04-01',
        endsOn: '2023-04-07',
        publishedAt: '大同市人社局网站',
      }),
    );
    const supervisor = as('supervisor');
    const kase = await ok<any>(
      supervisor.post('/v1/cases', {
        enterpriseId: A,
        openedOn: '2023-04-10',
        reason: '举报：虚报在岗人员',
        suspend: true,
      }),
    );
    await ok(
      supervisor.post(`/v1/cases/${kase.caseId}/findings`, {
        foundOn: '2023-04-20',
        falseClaimIds: [app.claims[0].claimId],
        note: '张伟未实际在岗',
      }),
    );

    // Part of the clawback back from the enterprise (finance's recoveries).
    await ok(
      finance.post(`/v1/cases/${kase.caseId}/recoveries`, {
        receivedOn: '2023-05-12',
        amountFen: 100_000,
        bankRef: 'ICBC-2023-R00012',
      }),
    );
    // A school's internship application, its tranche approved (the school's page).
    await ok(
      reviewer.post('/v1/schools', {
        schoolId: SCHOOL,
        name: '大同职业技术学院',
        registeredOn: '2023-01-05',
      }),
    );
    const internship = await ok<any>(
      as('applicant', { schoolId: SCHOOL }).post('/v1/internship-applications', {
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-01-15',
        agreementRef: '产教融合协议 2023-07',
        trainingBaseRef: '大数据实训基地 1 号',
        interns: Array.from({ length: 50 }, (_, i) => ({
          personId: makeResidentId('140214', '20010101', 100 + i),
          name: `${['陈', '刘', '杨', '黄', '周'][i % 5]}${['晨', '雨', '航', '琳', '博'][Math.floor(i / 5) % 5]}${i}`,
          level: i % 2 === 0 ? 'higher' : 'secondary',
          enterpriseId: A,
          employedMonths: months('2023-07', i < 25 ? '2023-12' : '2023-11'),
        })),
      }),
    );
    await ok(
      finance.post(`/v1/internship-applications/${internship.applicationId}/tranches`, {
        decidedOn: '2024-01-20',
      }),
    );

    fs.mkdirSync(OUT, { recursive: true });
    const shots: [
      Role,
      Record<string, string>,
      (p: import('playwright-core').Page) => Promise<void>,
      string?,
    ][] = [
      [
        'applicant',
        { enterpriseId: A },
        async (p) => void (await p.locator('table.balance').waitFor()),
      ],
      [
        'reviewer',
        {},
        async (p) => {
          await p.getByRole('row', { name: new RegExp(second.applicationId) }).click();
          await p.locator('tr[data-claim]').first().waitFor();
        },
      ],
      [
        'finance',
        {},
        async (p) => {
          await p
            .getByRole('row', { name: /岗位补贴/ })
            .first()
            .click();
          await p.locator('.chart canvas').first().waitFor();
          const recoveries = p.getByRole('region', { name: '追回款', exact: true });
          await recoveries.getByLabel('年度').fill('2023');
          await recoveries.getByRole('row', { name: new RegExp(kase.caseId) }).click();
          await recoveries.getByText('ICBC-2023-R00012').waitFor();
        },
      ],
      [
        'supervisor',
        {},
        async (p) => {
          await p.getByRole('row', { name: new RegExp(kase.caseId) }).click();
          await p.locator('.trace canvas').first().waitFor();
          await p.waitForTimeout(1500); // the force layout settles
        },
      ],
      [
        'auditor',
        {},
        async (p) => {
          const balances = p.getByRole('region', { name: '余额查询' });
          await balances.getByLabel('统一社会信用代码').fill(A);
          await balances.getByLabel('业务日期').fill('2023-04-30');
          await p.locator('table.balance').waitFor();
          await p
            .getByRole('region', { name: '个人补贴上限使用' })
            .getByLabel('身份证号')
            .fill(people[1][1]);
          await p.locator('.chart canvas').nth(1).waitFor();
        },
      ],
    ];
    shots.push([
      'applicant',
      { schoolId: SCHOOL },
      async (p) => {
        await p.getByRole('row', { name: new RegExp(internship.applicationId) }).click();
        await p.getByRole('table', { name: '实习人员' }).waitFor();
      },
      'school',
    ]);
    for (const [role, extra, ready, name] of shots) {
      const c = await openConsole(browser, ledger.baseUrl, tokenFor(`${role}-demo`, role, extra));
      await ready(c.page);
      await c.page.waitForTimeout(500);
      const file = path.join(OUT, `console-${name ?? role}.png`);
      await c.page.screenshot({ path: file, fullPage: true });
      await c.context.close();
      process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
    }
    // The bank cycle (issue #14): finance's 预算 and 报表 tabs over the year's budgets.
    for (const [programme, amountFen] of [
      ['seat', 5_000_000],
      ['siteLease', 20_000_000],
      ['internship', 3_000_000],
    ] as const)
      await ok(
        finance.post('/v1/budgets', {
          programme,
          fiscalYear: 2023,
          amountFen,
          documentRef: '同财社〔2023〕12号',
        }),
      );
    for (const [tab, file, ready] of [
      ['预算', 'console-finance-budgets.png', '.usage-bar'],
      ['报表', 'console-finance-reports.png', '.chart canvas'],
    ] as const) {
      const c = await openConsole(browser, ledger.baseUrl, tokenFor('finance-demo', 'finance'));
      await c.page.getByRole('tab', { name: tab, exact: true }).click();
      await c.page.getByLabel('预算年度').first().fill('2023');
      await c.page.locator(ready).first().waitFor();
      await c.page.waitForTimeout(500);
      const out = path.join(OUT, file);
      await c.page.screenshot({ path: out, fullPage: true });
      await c.context.close();
      process.stdout.write(`${path.relative(process.cwd(), out)}\n`);
    }
    // 支付批次 (issue #14 point 7): a tranche of B in a batch that a second
    // finance officer finds at the head of the list and opens.
    const fourth = await ok<any>(
      as('applicant', { enterpriseId: B }).post('/v1/seat-applications', {
        enterpriseId: B,
        submittedOn: '2023-03-26',
        claims: [
          {
            personId: makeResidentId('140214', '19980808', 86),
            name: '钱明',
            wageMonths: months('2022-09', '2023-02'),
            insuranceMonths: months('2022-09', '2023-02'),
          },
        ],
      }),
    );
    await ok(
      reviewer.post(`/v1/seat-applications/${fourth.applicationId}/review`, {
        decidedOn: '2023-04-05',
        decisions: fourth.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
      }),
    );
    const t4 = await ok<any>(
      finance.post(`/v1/seat-applications/${fourth.applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-04-06',
      }),
    );
    await ok(
      reviewer.post('/v1/publicity', {
        trancheIds: [t4.trancheId],
        startsOn: '2023-04-07',
        endsOn: '2023-04-13',
        publishedAt: '大同市人社局网站',
      }),
    );
    await ok(
      reviewer.post(`/v1/enterprises/${B}/bank-accounts`, {
        accountName: '大同智标数据标注有限公司',
        accountNumber: '6222020200112238765',
        bankName: '中国工商银行大同分行',
        bankCode: '102162000023',
        verifiedOn: '2023-04-10',
      }),
    );
    const batch = await ok<any>(
      finance.post('/v1/payment-batches', {
        createdOn: '2023-04-15',
        trancheIds: [t4.trancheId, t3.trancheId],
      }),
    );
    {
      const c = await openConsole(browser, ledger.baseUrl, tokenFor('finance-2', 'finance'));
      await c.page.getByRole('tab', { name: '支付批次', exact: true }).click();
      await c.page.getByRole('button', { name: batch.batchId }).click();
      await c.page.locator('.batch-items').last().waitFor();
      await c.page.waitForTimeout(500);
      const out = path.join(OUT, 'console-finance-batches.png');
      await c.page.screenshot({ path: out, fullPage: true });
      await c.context.close();
      process.stdout.write(`${path.relative(process.cwd(), out)}\n`);
    }
    void notice;
  } finally {
    await browser.close();
    await ledger.stop();
    removeTempDataDirs();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
