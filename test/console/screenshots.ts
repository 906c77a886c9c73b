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

    fs.mkdirSync(OUT, { recursive: true });
    const shots: [
      Role,
      Record<string, string>,
      (p: import('playwright-core').Page) => Promise<void>,
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
    for (const [role, extra, ready] of shots) {
      const c = await openConsole(browser, ledger.baseUrl, tokenFor(`${role}-demo`, role, extra));
      await ready(c.page);
      await c.page.waitForTimeout(500);
      const file = path.join(OUT, `console-${role}.png`);
      await c.page.screenshot({ path: file, fullPage: true });
      await c.context.close();
      process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
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
