import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import { approvedSeatTranche } from './support/seat-tranche';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Returns (退票, issue #14) over HTTP on a real API process: a manual payment
 * returned by hand, the tranche payable again and paid through a batch, that
 * payment returned by a statement line, and the tranche work list's
 * `payable`, `in-batch`, `returned` and objection-held statuses along the way.
 */
jest.setTimeout(120_000);

const A = makeCreditCode(9_801);
const B = makeCreditCode(9_802);
const NAME = { [A]: '大同退票甲有限公司', [B]: '大同退票乙有限公司' };
const DEBTOR = {
  LEDGER_DEBTOR_NAME: '大同市财政局',
  LEDGER_DEBTOR_ACCOUNT: '0502021234567890123',
  LEDGER_DEBTOR_BANK_CODE: '102162000015',
};
const AS_OF = '2023-04-30';
const CSV_HEADER = 'bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned';

describe('returns of disbursements (退票)', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const fay = tokenFor('fay', 'finance');
  const finn = tokenFor('finn', 'finance');
  const auditor = tokenFor('ada', 'auditor');
  const tranche: Record<string, string> = {};
  const notice: Record<string, string> = {};
  let manual = '';
  let itemId = '';
  let position = 0;

  /** An enterprise with a verified account and one published tranche of one claim; its notice ended 2023-03-17. */
  async function publishedTranche(code: string, n: number) {
    const t = await approvedSeatTranche(http, {
      creditCode: code,
      name: NAME[code],
      persons: 1,
      firstPersonSerial: 700 + n,
      clerk: `clerk-${n}`,
      reviewerToken: reviewer,
      financeToken: fay,
      publish: true,
      accountNumber: '6222020200112233445',
    });
    tranche[code] = t.trancheId;
    notice[code] = t.publicityId!;
  }

  /** The ids of the tranche work list with this status, as of AS_OF, once the read models reached `position`. */
  async function listed(status: string): Promise<string[]> {
    const r = await http
      .as(fay)
      .get(`/v1/tranches?status=${status}&asOf=${AS_OF}&minPosition=${position}`);
    expect(r.status).toBe(200);
    return r.body.items.map((t: any) => t.trancheId);
  }

  const statement = (content: string) =>
    http.as(fay).post('/v1/bank-statements', { format: 'csv', content });

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('disbursement-returns'), DEBTOR);
    http = new LedgerClient(ledger.baseUrl);
    await publishedTranche(A, 1);
    await publishedTranche(B, 2);
  });

  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given a tranche paid by hand, when finance returns the payment, then 201 names the tranche and amount; the tranche is payable and returned', async () => {
    const paid = await http.as(fay).post(`/v1/tranches/${tranche[A]}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'ICBC-PAY-A-1',
    });
    expect(paid.status).toBe(201);
    manual = paid.body.disbursementId;
    position = paid.body.position;
    expect(await listed('paid')).toEqual([tranche[A]]);

    const early = await http.as(fay).post(`/v1/disbursements/${manual}/return`, {
      returnedOn: '2023-03-19',
      bankRef: 'ICBC-RET-A-0',
      reason: '收款账户已销户',
    });
    expect([early.status, early.body.rule]).toEqual([422, 'R-DATE']);
    const blank = await http
      .as(fay)
      .post(`/v1/disbursements/${manual}/return`, { returnedOn: '2023-03-22', bankRef: 'X' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('reason');
    const notFinance = await http.as(reviewer).post(`/v1/disbursements/${manual}/return`, {
      returnedOn: '2023-03-22',
      bankRef: 'ICBC-RET-A-1',
      reason: '收款账户已销户',
    });
    expect(notFinance.status).toBe(403);

    const back = await http.as(fay).post(`/v1/disbursements/${manual}/return`, {
      returnedOn: '2023-03-22',
      bankRef: 'ICBC-RET-A-1',
      reason: '收款账户已销户',
    });
    expect(back.status).toBe(201);
    expect(back.body).toEqual({
      disbursementId: manual,
      trancheId: tranche[A],
      amountFen: 250_000,
      returnedOn: '2023-03-22',
      position: expect.any(Number),
    });
    position = back.body.position;
    expect(await listed('returned')).toEqual([tranche[A]]);
    expect(await listed('payable')).toContain(tranche[A]);
    expect(await listed('paid')).toEqual([]);

    const view = await http.as(auditor).get(`/v1/disbursements/${manual}?minPosition=${position}`);
    expect(view.body.returned).toEqual({
      returnedOn: '2023-03-22',
      bankRef: 'ICBC-RET-A-1',
      reason: '收款账户已销户',
    });
  });

  it('given a returned payment, when it is returned again, then 409 R-PAY; an unknown disbursement is 404', async () => {
    const twice = await http.as(fay).post(`/v1/disbursements/${manual}/return`, {
      returnedOn: '2023-03-23',
      bankRef: 'ICBC-RET-A-2',
      reason: '重复',
    });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(twice.body)).toContain('R-PAY');
    const unknown = await http.as(fay).post('/v1/disbursements/no-such-payment/return', {
      returnedOn: '2023-03-23',
      bankRef: 'ICBC-RET-X',
      reason: '?',
    });
    expect(unknown.status).toBe(404);
  });

  it('given the returned tranche, when a batch takes it, then it is in-batch (not payable) and still returned; paid from a statement, it is paid', async () => {
    const batch = await http
      .as(fay)
      .post('/v1/payment-batches', { createdOn: '2023-03-24', trancheIds: [tranche[A]] });
    expect(batch.status).toBe(201);
    expect(batch.body.refused).toEqual([]);
    itemId = batch.body.items[0].itemId;
    const approved = await http
      .as(finn)
      .post(`/v1/payment-batches/${batch.body.batchId}/approval`, { approvedOn: '2023-03-24' });
    expect(approved.status).toBe(200);
    const inBatch = await http
      .as(fay)
      .get(`/v1/tranches?status=in-batch&asOf=${AS_OF}&minPosition=${batch.body.position}`);
    expect(inBatch.body.items.map((t: any) => [t.trancheId, t.status, t.batch?.itemId])).toEqual([
      [tranche[A], 'in-batch', itemId],
    ]);
    position = batch.body.position;
    expect(await listed('payable')).not.toContain(tranche[A]);
    expect(await listed('returned')).toEqual([tranche[A]]);

    const r = await statement(
      `${CSV_HEADER}\n2023-03-27,DBIT,2500.00,CNY,ICBC-PAY-A-2,${itemId},,false\n`,
    );
    expect(r.status).toBe(201);
    expect(r.body.paid).toEqual([{ line: 1, itemId, trancheId: tranche[A], amountFen: 250_000 }]);
    position = r.body.position;
    expect(await listed('paid')).toEqual([tranche[A]]);
    expect(await listed('returned')).toEqual([]);
    expect(await listed('in-batch')).toEqual([]);
  });

  it('given the batch payment, when a statement brings its return, then the return is recorded (returned: [..]) and the tranche is payable and returned again, out of the batch', async () => {
    const content = `${CSV_HEADER}\n2023-03-29,CRDT,2500.00,CNY,ICBC-RET-A-3,${itemId},,true\n`;
    const r = await statement(content);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      returned: [{ line: 1, itemId, trancheId: tranche[A], amountFen: 250_000 }],
      paid: [],
      unmatched: [],
    });
    position = r.body.position;
    expect(await listed('returned')).toEqual([tranche[A]]);
    expect(await listed('payable')).toContain(tranche[A]);
    expect(await listed('in-batch')).toEqual([]);
    const again = await statement(content);
    expect({ ...again.body, position: 0 }).toEqual({ ...r.body, position: 0 });

    const balance = await http
      .as(fay)
      .get(`/v1/enterprises/${A}/balance?asOf=${AS_OF}&minPosition=${position}`);
    expect(balance.status).toBe(200);
    // Paid twice, both returned: nothing counts as paid; the tranche is still approved.
    expect(balance.body.programmes.seat).toMatchObject({ approvedFen: 250_000, disbursedFen: 0 });
  });

  it('given a tranche whose ended notice has an undecided objection, when payable tranches are listed, then it is left out until the objection is dismissed', async () => {
    expect(await listed('payable')).toContain(tranche[B]);
    const raised = await http.as(reviewer).post(`/v1/publicity/${notice[B]}/objections`, {
      raisedOn: '2023-03-16',
      text: '举报：该企业坐席数不实',
    });
    expect(raised.status).toBe(201);
    position = raised.body.position;
    expect(await listed('payable')).not.toContain(tranche[B]);
    const all = await http
      .as(fay)
      .get(`/v1/tranches?asOf=${AS_OF}&enterpriseId=${B}&minPosition=${position}`);
    expect(all.body.items).toEqual([
      expect.objectContaining({ trancheId: tranche[B], heldByObjection: true }),
    ]);
    const dismissed = await http
      .as(reviewer)
      .post(`/v1/publicity/${notice[B]}/objections/${raised.body.objectionId}/resolution`, {
        resolvedOn: '2023-03-20',
        upheld: false,
        reason: '经核实，坐席数属实',
      });
    expect(dismissed.status).toBe(200);
    position = dismissed.body.position;
    expect(await listed('payable')).toContain(tranche[B]);
  });

  it("given a payment of December 2023 returned in January 2024, when 2024 is reported, then paid stays 0 and the return is an earlier year's (以前年度支出收回); 2023 keeps the payment", async () => {
    const C = makeCreditCode(9_803);
    Object.assign(NAME, { [C]: '大同退票丙有限公司' });
    await publishedTranche(C, 3);
    const paid = await http.as(fay).post(`/v1/tranches/${tranche[C]}/disbursements`, {
      paidOn: '2023-12-28',
      amountFen: 250_000,
      bankRef: 'ICBC-PAY-C-1',
    });
    expect(paid.status).toBe(201);
    const before = await http
      .as(auditor)
      .get(`/v1/reports/budget-execution?fiscalYear=2023&minPosition=${paid.body.position}`);
    const paid2023Fen = before.body.programmes.find((p: any) => p.programme === 'seat').paidFen;
    const back = await http.as(fay).post(`/v1/disbursements/${paid.body.disbursementId}/return`, {
      returnedOn: '2024-01-05',
      bankRef: 'ICBC-RET-C-1',
      reason: '户名不符',
    });
    expect(back.status).toBe(201);
    position = back.body.position;
    const seat = async (year: number) =>
      (
        await http
          .as(auditor)
          .get(`/v1/reports/budget-execution?fiscalYear=${year}&minPosition=${position}`)
      ).body.programmes.find((p: any) => p.programme === 'seat');
    expect(await seat(2024)).toMatchObject({ paidFen: 0, earlierYearsReturnedFen: 250_000 });
    expect(await seat(2023)).toMatchObject({ paidFen: paid2023Fen, earlierYearsReturnedFen: 0 });

    const appropriated = await http.as(fay).post('/v1/budgets', {
      programme: 'seat',
      fiscalYear: 2024,
      amountFen: 1_000_000,
      documentRef: '同财社〔2024〕3号',
    });
    expect(appropriated.status).toBe(201);
    const budgets = await http
      .as(auditor)
      .get(`/v1/budgets?fiscalYear=2024&minPosition=${appropriated.body.position}`);
    expect(budgets.body.items).toEqual([
      expect.objectContaining({
        budgetId: 'seat-2024',
        paidFen: 0,
        earlierYearsReturnedFen: 250_000,
      }),
    ]);
  });

  it('given all of the above, when the ledger is verified, then every invariant holds (nothing returned counted as paid)', async () => {
    expectLedgerVerifies(ledger.dataDir);
  });
});
