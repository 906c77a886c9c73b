import * as fs from 'node:fs';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12 point 12 (R-SEAT-6, RULES.md "Segregation of duties") over real
 * HTTP: a refusal shown to an applicant says "claimed by another enterprise"
 * and names neither the enterprise nor its claim, in the answer of a
 * submission, of filed evidence and in the application view; a reviewer or
 * supervisor sees the conflicting claim. Steps depend on each other.
 */
jest.setTimeout(60_000);

const A = makeCreditCode(4101);
const B = makeCreditCode(4102);
const P = makeResidentId('140202', '19850505', 41);

describe('R-SEAT-6 refusals as each role sees them', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const supervisor = tokenFor('sue', 'supervisor');
  const applicantA = tokenFor('a-clerk', 'applicant', { enterpriseId: A });
  const applicantB = tokenFor('b-clerk', 'applicant', { enterpriseId: B });
  const s: Record<string, any> = {};

  const claimOf = (wage: string[]) => ({
    personId: P,
    name: '张三',
    wageMonths: wage,
    insuranceMonths: wage,
  });
  /** Nothing of the other enterprise: not its code, not its claim, not its application. */
  const expectNothingOf = (body: unknown, enterpriseId: string, claimId: string) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain(enterpriseId);
    expect(text).not.toContain(claimId);
    expect(text).not.toContain(claimId.split('.')[0]);
    expect(text).not.toContain('conflictsWith');
  };

  const dataDir = tempDataDir('disclosure');

  beforeAll(async () => {
    ledger = await startLedger(dataDir);
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('given A and B, when A claims P for 2022-11..2023-02 and B for 2023-05..06, then both stand', async () => {
    for (const [creditCode, name] of [
      [A, '大同甲呼叫有限公司'],
      [B, '大同乙标注有限公司'],
    ]) {
      const r = await http.as(reviewer).post('/v1/enterprises', {
        creditCode,
        name,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
    }
    const a = await http.as(applicantA).post('/v1/seat-applications', {
      enterpriseId: A,
      submittedOn: '2023-03-01',
      claims: [claimOf(['2022-11', '2022-12', '2023-01', '2023-02'])],
    });
    expect(a.status).toBe(201);
    expect(a.body.claims[0].status).toBe('submitted');
    s.appA = a.body.applicationId;
    s.claimA = a.body.claims[0].claimId;
    const b = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-07-01',
      claims: [claimOf(['2023-05', '2023-06'])],
    });
    expect(b.status).toBe(201);
    expect(b.body.claims[0].status).toBe('submitted');
    s.claimB = b.body.claims[0].claimId;
  });

  it("given A's months, when B's applicant claims P for overlapping months, then the answer says only that they are claimed by another enterprise", async () => {
    const r = await http.as(applicantB).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-04-01',
      claims: [claimOf(['2023-01', '2023-02', '2023-03'])],
    });
    expect(r.status).toBe(201);
    expect(r.body.claims[0]).toMatchObject({
      status: 'refused',
      rule: 'R-SEAT-6',
      reason: 'months 2023-01, 2023-02 are claimed by another enterprise',
    });
    expectNothingOf(r.body, A, s.claimA);
    s.appB2 = r.body.applicationId;
  });

  it("given the same refusal, when a reviewer submits it for B, then the answer names A's claim", async () => {
    const r = await http.as(reviewer).post('/v1/seat-applications', {
      enterpriseId: B,
      submittedOn: '2023-04-02',
      claims: [claimOf(['2023-02'])],
    });
    expect(r.status).toBe(201);
    expect(r.body.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
    expect(r.body.claims[0].conflictsWith).toEqual([
      { claimId: s.claimA, enterpriseId: A, months: ['2023-02'] },
    ]);
    expect(r.body.claims[0].reason).toContain(A);
  });

  it("given B's refused claim, when B's applicant reads the application, then no other enterprise is named; a reviewer and a supervisor see A's claim", async () => {
    const own = await http.as(applicantB).get(`/v1/seat-applications/${s.appB2}`);
    expect(own.status).toBe(200);
    expect(own.body.claims[0]).toMatchObject({
      status: 'refused',
      rule: 'R-SEAT-6',
      reason: 'months 2023-01, 2023-02 are claimed by another enterprise',
    });
    expectNothingOf(own.body, A, s.claimA);
    for (const token of [reviewer, supervisor]) {
      const full = await http.as(token).get(`/v1/seat-applications/${s.appB2}`);
      expect(full.status).toBe(200);
      expect(full.body.claims[0].conflictsWith).toEqual([
        { claimId: s.claimA, enterpriseId: A, months: ['2023-01', '2023-02'] },
      ]);
    }
  });

  it("given B's months 2023-05..06, when A's applicant files them as evidence, then the refusal names no other enterprise; filed by a reviewer it names B's claim", async () => {
    const byApplicant = await http.as(applicantA).post(`/v1/seat-applications/${s.appA}/evidence`, {
      filedOn: '2023-07-05',
      claims: [{ claimId: s.claimA, wageMonths: ['2023-05'], insuranceMonths: ['2023-05'] }],
    });
    expect(byApplicant.status).toBe(200);
    expect(byApplicant.body.claims[0]).toMatchObject({
      claimId: s.claimA,
      status: 'refused',
      rule: 'R-SEAT-6',
      reason: 'months 2023-05 are claimed by another enterprise',
    });
    expectNothingOf(byApplicant.body, B, s.claimB);
    const byReviewer = await http.as(reviewer).post(`/v1/seat-applications/${s.appA}/evidence`, {
      filedOn: '2023-07-06',
      claims: [{ claimId: s.claimA, wageMonths: ['2023-06'], insuranceMonths: ['2023-06'] }],
    });
    expect(byReviewer.status).toBe(200);
    // The months filed before and refused are filed still: they are asked again.
    expect(byReviewer.body.claims[0].conflictsWith).toEqual([
      { claimId: s.claimB, enterpriseId: B, months: ['2023-05', '2023-06'] },
    ]);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
