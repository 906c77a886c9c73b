import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Payee bank accounts (issue #14 point 2): recorded and verified by a
 * reviewer, in the registered name, with a 12-digit CNAPS code; the number
 * in full for finance only; a change is a new account and the old one stays.
 */
jest.setTimeout(60_000);

const ENTERPRISE = makeCreditCode(9_601);
const SCHOOL = makeCreditCode(9_602);
const NUMBER = '6222020200112233445';

describe('payee bank accounts', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const auditor = tokenFor('al', 'auditor');
  const account = (over: Record<string, unknown> = {}) => ({
    accountName: '大同账户测试有限公司',
    accountNumber: NUMBER,
    bankName: '中国工商银行大同分行',
    bankCode: '102162000015',
    verifiedOn: '2023-03-01',
    ...over,
  });

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('bank-accounts'));
    http = new LedgerClient(ledger.baseUrl);
    const e = await http.as(reviewer).post('/v1/enterprises', {
      creditCode: ENTERPRISE,
      name: '大同账户测试有限公司',
      industry: 'call',
      seats: 200,
      registeredOn: '2023-01-05',
    });
    expect(e.status).toBe(201);
    const s = await http
      .as(reviewer)
      .post('/v1/schools', { schoolId: SCHOOL, name: '大同账户职业学院' });
    expect(s.status).toBe(201);
  });

  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given bad accounts, when recorded, then 400 names the field and nothing is written', async () => {
    const name = await http
      .as(reviewer)
      .post(
        `/v1/enterprises/${ENTERPRISE}/bank-accounts`,
        account({ accountName: '大同账户测试公司' }),
      );
    expect(name.status).toBe(400);
    expect(JSON.stringify(name.body)).toContain('accountName');
    const code = await http
      .as(reviewer)
      .post(`/v1/enterprises/${ENTERPRISE}/bank-accounts`, account({ bankCode: '10216200001X' }));
    expect(code.status).toBe(400);
    expect(JSON.stringify(code.body)).toContain('bankCode');
    const number = await http
      .as(reviewer)
      .post(`/v1/enterprises/${ENTERPRISE}/bank-accounts`, account({ accountNumber: '62-22' }));
    expect(number.status).toBe(400);
    expect(JSON.stringify(number.body)).toContain('accountNumber');
    const byFinance = await http
      .as(finance)
      .post(`/v1/enterprises/${ENTERPRISE}/bank-accounts`, account());
    expect(byFinance.status).toBe(403);
    const unknown = await http
      .as(reviewer)
      .post(`/v1/enterprises/${makeCreditCode(9_699)}/bank-accounts`, account());
    expect(unknown.status).toBe(404);
    expect((await http.as(finance).get(`/v1/enterprises/${ENTERPRISE}/bank-accounts`)).status).toBe(
      404,
    );
  });

  it('given an account in the registered name, when recorded, then finance reads the number in full and an auditor the last four digits', async () => {
    const r = await http
      .as(reviewer)
      .post(`/v1/enterprises/${ENTERPRISE}/bank-accounts`, account());
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ accountId: expect.any(String), position: expect.any(Number) });
    expect(JSON.stringify(r.body)).not.toContain(NUMBER);
    const full = await http.as(finance).get(`/v1/enterprises/${ENTERPRISE}/bank-accounts`);
    expect(full.status).toBe(200);
    expect(full.body.current).toMatchObject({ accountId: r.body.accountId, accountNumber: NUMBER });
    for (const token of [auditor, reviewer]) {
      const masked = await http.as(token).get(`/v1/enterprises/${ENTERPRISE}/bank-accounts`);
      expect(masked.status).toBe(200);
      expect(masked.body.current.accountNumber).toBe('***************3445');
      expect(JSON.stringify(masked.body)).not.toContain(NUMBER);
    }
  });

  it('given an account, when an auditor or supervisor reads the audit log, then the account number shows its last four digits only', async () => {
    const supervisor = tokenFor('sue', 'supervisor');
    for (const token of [auditor, supervisor]) {
      const events = await http.as(token).get('/v1/audit/events?type=PayeeAccountVerified');
      expect(events.status).toBe(200);
      const verified = (events.body.items as any[]).filter(
        (e) => e.type === 'PayeeAccountVerified',
      );
      expect(verified.length).toBeGreaterThan(0);
      expect(verified[0].data.accountNumber).toBe('***************3445');
      expect(JSON.stringify(events.body)).not.toContain(NUMBER);
    }
  });

  it('given an account, when the payee changes account, then the new one is current and the old one stays in the history', async () => {
    const second = await http
      .as(reviewer)
      .post(
        `/v1/enterprises/${ENTERPRISE}/bank-accounts`,
        account({ accountNumber: '6222020200999988887', verifiedOn: '2023-06-01' }),
      );
    expect(second.status).toBe(201);
    const list = await http.as(finance).get(`/v1/enterprises/${ENTERPRISE}/bank-accounts`);
    expect(list.body.current.accountId).toBe(second.body.accountId);
    expect(list.body.history.map((a: any) => a.accountNumber)).toEqual([
      NUMBER,
      '6222020200999988887',
    ]);
  });

  it("given a school, when its account is recorded in the school's name, then it is its payee account", async () => {
    const wrong = await http.as(reviewer).post(`/v1/schools/${SCHOOL}/bank-accounts`, account());
    expect(wrong.status).toBe(400);
    const r = await http
      .as(reviewer)
      .post(`/v1/schools/${SCHOOL}/bank-accounts`, account({ accountName: '大同账户职业学院' }));
    expect(r.status).toBe(201);
    const list = await http.as(finance).get(`/v1/schools/${SCHOOL}/bank-accounts`);
    expect(list.body).toMatchObject({
      payeeKind: 'school',
      payeeId: SCHOOL,
      history: [expect.any(Object)],
    });
  });
});
