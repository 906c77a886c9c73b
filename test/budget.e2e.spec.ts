import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import { monthsFrom, openLedgerFileReadOnly, readEvents } from './support/ledger-db';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * R-BUDGET (issue #14, ADR 0019) with two API processes on one data
 * directory: a budget of three tranches' worth, eight tranche approvals racing
 * through both processes. Each commitment is an append on the budget's stream
 * at the revision it was decided on, so exactly three are approved, the other
 * five answer 422 R-BUDGET and write nothing; the committed total is the
 * appropriation, never more.
 */
jest.setTimeout(180_000);

const APPLICATIONS = 8;
const PERSONS = 2;
const TRANCHE_FEN = PERSONS * 250_000;
const SUBMITTED_ON = '2023-11-20';
const DECIDED_ON = '2023-11-25';
const months = monthsFrom('2023-09', 2);
const on = { LEDGER_BUDGET_CONTROL: 'on' };

describe('budgets and R-BUDGET with two API processes on one data directory', () => {
  const dataDir = tempDataDir('budget');
  let p1: LedgerProcess | undefined;
  let p2: LedgerProcess | undefined;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const auditor = tokenFor('al', 'auditor');
  const http = (i: number) => new LedgerClient(i % 2 === 0 ? p1!.baseUrl : p2!.baseUrl);
  const applications: string[] = [];

  beforeAll(async () => {
    p1 = await startLedger(dataDir, on);
    p2 = await startLedger(dataDir, on);
    for (let i = 0; i < APPLICATIONS; i++) {
      const code = makeCreditCode(9_300 + i);
      const r = await http(i)
        .as(reviewer)
        .post('/v1/enterprises', {
          creditCode: code,
          name: `大同预算测试 ${i} 有限公司`,
          industry: 'call',
          seats: 200,
          registeredOn: '2023-01-05',
        });
      expect(r.status).toBe(201);
      const applicant = tokenFor(`clerk-${i}`, 'applicant', { enterpriseId: code });
      const s = await http(i)
        .as(applicant)
        .post('/v1/seat-applications', {
          enterpriseId: code,
          submittedOn: SUBMITTED_ON,
          claims: Array.from({ length: PERSONS }, (_, k) => ({
            personId: makeResidentId('140202', '19850315', 300 + PERSONS * i + k),
            name: `员工${k}`,
            wageMonths: months,
            insuranceMonths: months,
          })),
        });
      expect(s.status).toBe(201);
      const review = await http(i)
        .as(reviewer)
        .post(`/v1/seat-applications/${s.body.applicationId}/review`, {
          decidedOn: SUBMITTED_ON,
          decisions: s.body.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
        });
      expect(review.status).toBe(200);
      applications.push(s.body.applicationId);
    }
  });

  afterAll(async () => {
    await Promise.allSettled([p1?.kill(), p2?.kill()]);
    removeTempDataDirs();
  });

  it('given no budget for the year, when a tranche is approved, then 422 R-BUDGET and nothing is written', async () => {
    const r = await http(0).as(finance).post(`/v1/seat-applications/${applications[0]}/tranches`, {
      tranche: 1,
      decidedOn: DECIDED_ON,
    });
    expect(r.status).toBe(422);
    expect(r.body.rule).toBe('R-BUDGET');
    const db = openLedgerFileReadOnly(dataDir);
    try {
      expect(
        readEvents(db, ['TrancheApprovalStarted', 'BudgetCommitted', 'TrancheClearanceGranted']),
      ).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('given bad input, when a budget is recorded, then 400 names the field; a reviewer is 403', async () => {
    const bad = await http(0).as(finance).post('/v1/budgets', {
      programme: 'seat',
      fiscalYear: 2023,
      amountFen: 12.5,
      documentRef: '同财社〔2023〕12号',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('amountFen');
    const programme = await http(0).as(finance).post('/v1/budgets', {
      programme: 'roads',
      fiscalYear: 2023,
      amountFen: 1,
      documentRef: 'x',
    });
    expect(programme.status).toBe(400);
    expect(JSON.stringify(programme.body)).toContain('programme');
    const reviewerTries = await http(0).as(reviewer).post('/v1/budgets', {
      programme: 'seat',
      fiscalYear: 2023,
      amountFen: 1,
      documentRef: 'x',
    });
    expect(reviewerTries.status).toBe(403);
  });

  it('given a budget of three tranches, when eight approvals race through two processes, then three are approved, five refused by R-BUDGET, and committed equals the appropriation', async () => {
    const created = await http(0)
      .as(finance)
      .post('/v1/budgets', {
        programme: 'seat',
        fiscalYear: 2023,
        amountFen: 2 * TRANCHE_FEN,
        documentRef: '同财社〔2023〕12号',
      });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ budgetId: 'seat-2023', position: expect.any(Number) });
    const again = await http(1).as(finance).post('/v1/budgets', {
      programme: 'seat',
      fiscalYear: 2023,
      amountFen: 1,
      documentRef: 'x',
    });
    expect(again.status).toBe(409);
    const adjusted = await http(1).as(finance).post('/v1/budgets/seat-2023/adjustments', {
      decidedOn: '2023-06-30',
      amountFen: TRANCHE_FEN,
      documentRef: '同财社〔2023〕47号',
      reason: '年中追加',
    });
    expect(adjusted.status).toBe(201);

    const answers = await Promise.all(
      applications.map((applicationId, i) =>
        http(i).as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
          tranche: 1,
          decidedOn: DECIDED_ON,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
    for (const a of answers.filter((x) => x.status === 422)) expect(a.body.rule).toBe('R-BUDGET');
    for (const a of answers.filter((x) => x.status === 201))
      expect(a.body.amountFen).toBe(TRANCHE_FEN);

    const db = openLedgerFileReadOnly(dataDir);
    try {
      const started = readEvents(db, ['TrancheApprovalStarted']);
      expect(started).toHaveLength(3);
      let committed = 0;
      for (const e of readEvents(db, ['BudgetCommitted', 'BudgetCommitmentReleased'])) {
        committed += e.type === 'BudgetCommitted' ? e.data.amountFen : -e.data.amountFen;
        expect(committed).toBeLessThanOrEqual(3 * TRANCHE_FEN);
      }
      expect(committed).toBe(3 * TRANCHE_FEN);
    } finally {
      db.close();
    }

    for (const i of [0, 1]) {
      const list = await http(i).as(auditor).get('/v1/budgets?fiscalYear=2023');
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        items: [
          {
            budgetId: 'seat-2023',
            programme: 'seat',
            fiscalYear: 2023,
            appropriatedFen: 3 * TRANCHE_FEN,
            committedFen: 3 * TRANCHE_FEN,
            paidFen: 0,
            earlierYearsReturnedFen: 0,
            availableFen: 0,
          },
        ],
      });
    }
  });

  it('given everything committed, when the appropriation is cut, then 422 R-BUDGET; an unknown budget is 404', async () => {
    const cut = await http(0).as(finance).post('/v1/budgets/seat-2023/adjustments', {
      decidedOn: '2023-12-01',
      amountFen: -1,
      documentRef: '同财社〔2023〕88号',
      reason: '压减',
    });
    expect(cut.status).toBe(422);
    expect(cut.body.rule).toBe('R-BUDGET');
    const unknown = await http(0).as(finance).post('/v1/budgets/internship-2023/adjustments', {
      decidedOn: '2023-12-01',
      amountFen: 1,
      documentRef: 'x',
      reason: 'y',
    });
    expect(unknown.status).toBe(404);
    const list = await http(1).as(finance).get('/v1/budgets?fiscalYear=nineteen');
    expect(list.status).toBe(400);
  });

  it('given an approved unpaid tranche, when its claims are found false, then its whole commitment goes back to the budget', async () => {
    const supervisor = tokenFor('sue', 'supervisor');
    const approved = applications.map((a) => `${a}.t1`);
    const db = openLedgerFileReadOnly(dataDir);
    let applicationId: string;
    let enterpriseId: string;
    let claimIds: string[];
    try {
      const started = readEvents(db, ['TrancheApprovalStarted'])[0];
      applicationId = started.data.applicationId;
      enterpriseId = started.data.enterpriseId;
      claimIds = started.data.candidates.map((c: any) => c.claimId);
      expect(approved).toContain(started.data.trancheId);
    } finally {
      db.close();
    }
    const opened = await http(0).as(supervisor).post('/v1/cases', {
      enterpriseId,
      openedOn: '2023-12-05',
      reason: '虚假申报',
      suspend: false,
    });
    expect(opened.status).toBe(201);
    const found = await http(1).as(supervisor).post(`/v1/cases/${opened.body.caseId}/findings`, {
      foundOn: '2023-12-06',
      falseClaimIds: claimIds,
      note: '两名员工未在岗',
    });
    expect(found.status).toBe(201);
    const list = await http(0)
      .as(finance)
      .get(`/v1/budgets?fiscalYear=2023&minPosition=${found.body.position}`);
    expect(list.body.items[0]).toMatchObject({
      committedFen: 2 * TRANCHE_FEN,
      availableFen: TRANCHE_FEN,
    });
    const view = await http(0).as(finance).get(`/v1/seat-applications/${applicationId}`);
    expect(view.status).toBe(200);
  });

  it('given the year, when the budget execution report is read, then appropriated, committed by month, paid and the rate in basis points', async () => {
    const r = await http(1).as(auditor).get('/v1/reports/budget-execution?fiscalYear=2023');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      fiscalYear: 2023,
      programmes: [
        {
          programme: 'seat',
          appropriatedFen: 3 * TRANCHE_FEN,
          committedFen: 2 * TRANCHE_FEN,
          paidFen: 0,
          earlierYearsReturnedFen: 0,
          executionRateBasisPoints: 0,
          months: [{ month: '2023-11', committedFen: 2 * TRANCHE_FEN, paidFen: 0 }],
        },
      ],
    });
    expect(
      (await http(0).as(reviewer).get('/v1/reports/budget-execution?fiscalYear=2023')).status,
    ).toBe(403);
  });

  it('given the race, when the ledger is stopped and verified, then every invariant holds', async () => {
    await Promise.all([p1?.stop(), p2?.stop()]);
    expectLedgerVerifies(dataDir);
  });
});
