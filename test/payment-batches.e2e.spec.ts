import { XMLParser } from 'fast-xml-parser';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import { openLedgerFileReadOnly } from './support/ledger-db';
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
 * Payment batches (issue #14 point 3): only payable tranches, a tranche in one
 * open batch at most, four eyes (R-SOD), and the pain.001.001.03 file parsed
 * back and checked element by element against the message definition's
 * mandatory elements, its control sum and count.
 */
jest.setTimeout(90_000);

const A = makeCreditCode(9_701);
const B = makeCreditCode(9_702);
const C = makeCreditCode(9_703);
const NAME = { [A]: '大同批次甲有限公司', [B]: '大同批次乙有限公司', [C]: '大同批次丙有限公司' };
const ACCOUNT = { [A]: '6222020200112233445', [C]: '6222020200556677889' };
const DEBTOR = {
  LEDGER_DEBTOR_NAME: '大同市财政局',
  LEDGER_DEBTOR_ACCOUNT: '0502021234567890123',
  LEDGER_DEBTOR_BANK_CODE: '102162000015',
};

interface Entry {
  amount: string;
  ccy?: string;
  dir: 'DBIT' | 'CRDT';
  ref: string;
  e2e?: string;
  ustrd?: string;
  reversal?: boolean;
}

/** A camt.053.001.02 statement as a bank sends it. */
function camt053(entries: Entry[], ns = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02'): string {
  const ntry = entries
    .map(
      (e) =>
        `<Ntry><Amt Ccy="${e.ccy ?? 'CNY'}">${e.amount}</Amt><CdtDbtInd>${e.dir}</CdtDbtInd>${
          e.reversal ? '<RvslInd>true</RvslInd>' : ''
        }<Sts>BOOK</Sts><BookgDt><Dt>2023-03-22</Dt></BookgDt><ValDt><Dt>2023-03-22</Dt></ValDt><AcctSvcrRef>${e.ref}</AcctSvcrRef><BkTxCd/><NtryDtls><TxDtls><Refs>${
          e.e2e ? `<EndToEndId>${e.e2e}</EndToEndId>` : ''
        }</Refs>${e.ustrd ? `<RmtInf><Ustrd>${e.ustrd}</Ustrd></RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${ns}"><BkToCstmrStmt><GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2023-03-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>STMT-20230322</Id><CreDtTm>2023-03-23T08:00:00</CreDtTm><Acct><Id><Othr><Id>0502021234567890123</Id></Othr></Id></Acct>${ntry}</Stmt></BkToCstmrStmt></Document>`;
}

describe('payment batches and the payment instruction file', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const reviewer = tokenFor('rita', 'reviewer');
  const fay = tokenFor('fay', 'finance');
  const finn = tokenFor('finn', 'finance');
  const tranche: Record<string, string> = {};
  let batchId = '';
  let items: any[] = [];

  /** An enterprise with one approved tranche of `persons` claims; published and the notice over when `publish`. */
  async function approvedTranche(code: string, persons: number, publish: boolean, n: number) {
    const t = await approvedSeatTranche(http, {
      creditCode: code,
      name: NAME[code],
      persons,
      firstPersonSerial: 500 + 10 * n,
      clerk: `clerk-${n}`,
      reviewerToken: reviewer,
      financeToken: fay,
      publish,
      accountNumber: ACCOUNT[code],
    });
    tranche[code] = t.trancheId;
  }

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('payment-batches'), DEBTOR);
    http = new LedgerClient(ledger.baseUrl);
    await approvedTranche(A, 2, true, 1); // payable
    await approvedTranche(B, 1, true, 2); // no account
    await approvedTranche(C, 1, false, 3); // not published
  });

  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given three tranches, when finance makes a batch, then only the payable one is in it and the others are refused with their rule', async () => {
    const r = await http.as(fay).post('/v1/payment-batches', {
      createdOn: '2023-03-20',
      trancheIds: [tranche[A], tranche[B], tranche[C], 'nope.t1'],
    });
    expect(r.status).toBe(201);
    batchId = r.body.batchId;
    items = r.body.items;
    expect(r.body.items).toEqual([
      {
        itemId: expect.stringMatching(/^[0-9a-f]{24}-1$/),
        trancheId: tranche[A],
        payeeName: NAME[A],
        accountMasked: '***************3445',
        amountFen: 500_000,
      },
    ]);
    expect(r.body.totalFen).toBe(500_000);
    const refused = Object.fromEntries(r.body.refused.map((x: any) => [x.trancheId, x.rule]));
    expect(refused).toEqual({ [tranche[B]]: 'R-PAY', [tranche[C]]: 'R-PUB', 'nope.t1': 'R-PAY' });
    expect(JSON.stringify(r.body)).not.toContain(ACCOUNT[A]);
  });

  it('given the tranche in an open batch, when another batch asks for it, then it is refused and nothing is written', async () => {
    const again = await http.as(finn).post('/v1/payment-batches', {
      createdOn: '2023-03-20',
      trancheIds: [tranche[A]],
    });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('R-PAY');
    const bad = await http
      .as(fay)
      .post('/v1/payment-batches', { createdOn: '2023-03-20', trancheIds: [] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('trancheIds');
  });

  it('given the batch, when finance, an auditor or a supervisor lists batches, then it awaits approval with its count and total, and opens with its items masked; others are refused', async () => {
    const auditor = tokenFor('aud', 'auditor');
    const supervisor = tokenFor('sue', 'supervisor');
    for (const who of [finn, auditor, supervisor]) {
      const list = await http.as(who).get('/v1/payment-batches?status=awaiting-approval');
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        items: [
          {
            batchId,
            createdOn: '2023-03-20',
            createdBy: 'fay',
            status: 'awaiting-approval',
            itemCount: 1,
            totalFen: 500_000,
            approvedBy: null,
            approvedOn: null,
            paidCount: 0,
            returnedCount: 0,
          },
        ],
        nextCursor: null,
      });
    }
    expect((await http.as(finn).get('/v1/payment-batches?status=approved')).body.items).toEqual([]);
    const one = await http.as(auditor).get(`/v1/payment-batches/${batchId}`);
    expect(one.status).toBe(200);
    expect(one.body.items).toEqual([
      {
        ...items[0],
        enterpriseId: A,
        schoolId: null,
        bankName: '中国工商银行大同分行',
        paidOn: null,
        returnedOn: null,
      },
    ]);
    expect(one.body.refused).toHaveLength(3);
    // People read the reasons in their language; machines keep the rule id.
    const zh = await http
      .as(finn)
      .get(`/v1/payment-batches/${batchId}`, { 'accept-language': 'zh-CN' });
    expect(zh.body.refused.map((x: any) => x.rule)).toEqual(
      one.body.refused.map((x: any) => x.rule),
    );
    for (const x of zh.body.refused) expect(x.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(zh.body.refused)).not.toMatch(/\b(is|not|the)\b/);
    expect(JSON.stringify(one.body)).not.toContain(ACCOUNT[A]);
    expect((await http.as(reviewer).get('/v1/payment-batches')).status).toBe(403);
    expect((await http.as(finn).get(`/v1/payment-batches/${'0'.repeat(24)}`)).status).toBe(404);
    const badStatus = await http.as(finn).get('/v1/payment-batches?status=lost');
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body)).toContain('status');
    const page = await http.as(finn).get('/v1/payment-batches?limit=1');
    expect(page.body.nextCursor).toBeNull();
    const foreign = await http
      .as(finn)
      .get('/v1/tranches?limit=1')
      .then((r) => r.body.nextCursor as string);
    const misused = await http.as(finn).get(`/v1/payment-batches?cursor=${foreign}`);
    expect(misused.status).toBe(400);
    expect(JSON.stringify(misused.body)).toContain('cursor');
  });

  it('given a batch not yet approved, when its file is asked for, then 409; its maker approving it is 403 R-SOD', async () => {
    expect((await http.as(fay).get(`/v1/payment-batches/${batchId}/file`)).status).toBe(409);
    const own = await http
      .as(fay)
      .post(`/v1/payment-batches/${batchId}/approval`, { approvedOn: '2023-03-21' });
    expect(own.status).toBe(403);
    expect(own.body.rule).toBe('R-SOD');
    const reviewerTries = await http
      .as(reviewer)
      .post(`/v1/payment-batches/${batchId}/approval`, { approvedOn: '2023-03-21' });
    expect(reviewerTries.status).toBe(403);
    const ok = await http
      .as(finn)
      .post(`/v1/payment-batches/${batchId}/approval`, { approvedOn: '2023-03-21' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ batchId, approvedOn: '2023-03-21', approvedBy: 'finn' });
    const listed = await http
      .as(fay)
      .get(`/v1/payment-batches?status=approved&minPosition=${ok.body.position}`);
    expect(listed.body.items.map((b: any) => [b.batchId, b.approvedBy, b.approvedOn])).toEqual([
      [batchId, 'finn', '2023-03-21'],
    ]);
  });

  it('given the approved batch, when the pain.001 file is read back, then every mandatory element is there, with the control sum and count', async () => {
    const r = await fetch(`${ledger.baseUrl}/v1/payment-batches/${batchId}/file?format=pain.001`, {
      headers: { authorization: `Bearer ${finn}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await r.text();
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      isArray: (name) => name === 'CdtTrfTxInf',
    }).parse(xml);
    expect(doc.Document['@xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const init = doc.Document.CstmrCdtTrfInitn;
    expect(init.GrpHdr).toEqual({
      MsgId: batchId,
      CreDtTm: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      NbOfTxs: '1',
      CtrlSum: '5000.00',
      InitgPty: { Nm: '大同市财政局' },
    });
    const pmt = init.PmtInf;
    expect(pmt).toMatchObject({
      PmtInfId: batchId,
      PmtMtd: 'TRF',
      NbOfTxs: '1',
      CtrlSum: '5000.00',
      ReqdExctnDt: '2023-03-21',
      Dbtr: { Nm: '大同市财政局' },
      DbtrAcct: { Id: { Othr: { Id: '0502021234567890123' } }, Ccy: 'CNY' },
      DbtrAgt: {
        FinInstnId: { ClrSysMmbId: { ClrSysId: { Cd: 'CNAPS' }, MmbId: '102162000015' } },
      },
    });
    expect(pmt.CdtTrfTxInf).toHaveLength(1);
    const tx = pmt.CdtTrfTxInf[0];
    expect(tx.PmtId).toEqual({ EndToEndId: items[0].itemId });
    expect(tx.Amt.InstdAmt).toEqual({ '#text': '5000.00', '@Ccy': 'CNY' });
    expect(tx.Amt.InstdAmt['#text']).toMatch(/^\d+\.\d{2}$/);
    expect(tx.Cdtr).toEqual({ Nm: NAME[A] });
    expect(tx.CdtrAcct).toEqual({ Id: { Othr: { Id: ACCOUNT[A] } } });
    expect(tx.CdtrAgt.FinInstnId.ClrSysMmbId.MmbId).toBe('102162000023');
    const sum = pmt.CdtTrfTxInf.reduce(
      (s: number, t: any) => s + Number(t.Amt.InstdAmt['#text'].replace('.', '')),
      0,
    );
    expect(sum).toBe(Number(init.GrpHdr.CtrlSum.replace('.', '')));
    expect(String(pmt.CdtTrfTxInf.length)).toBe(init.GrpHdr.NbOfTxs);
    const order = Object.keys(tx);
    expect(order).toEqual(['PmtId', 'Amt', 'CdtrAgt', 'Cdtr', 'CdtrAcct', 'RmtInf']);
  });

  it('given the approved batch, when the CSV is read, then one line per item with the amount in yuan', async () => {
    const r = await fetch(`${ledger.baseUrl}/v1/payment-batches/${batchId}/file?format=csv`, {
      headers: { authorization: `Bearer ${fay}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await r.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'itemId,trancheId,payeeName,accountName,accountNumber,bankName,bankCode,amount,currency',
    );
    expect(lines.slice(1)).toEqual([
      `${items[0].itemId},${tranche[A]},${NAME[A]},${NAME[A]},${ACCOUNT[A]},中国工商银行大同分行,102162000023,5000.00,CNY`,
    ]);
    const bad = await http.as(fay).get(`/v1/payment-batches/${batchId}/file?format=mt103`);
    expect(bad.status).toBe(400);
  });

  const eventCount = () => {
    const db = openLedgerFileReadOnly(ledger.dataDir);
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const postXml = (xml: string, token = fay) =>
    fetch(`${ledger.baseUrl}/v1/bank-statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: xml,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('given a CSV statement with the item at another amount, when imported, then it is unmatched and nothing is paid', async () => {
    const content = [
      'bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned',
      `2023-03-22,DBIT,5000.01,CNY,ICBC-CSV-1,${items[0].itemId},,false`,
    ].join('\n');
    const r = await http.as(fay).post('/v1/bank-statements', { format: 'csv', content });
    expect(r.status).toBe(201);
    expect(r.body.paid).toEqual([]);
    expect(r.body.unmatched).toEqual([
      { line: 1, reason: `amount 500001 fen, item ${items[0].itemId} is 500000 fen` },
    ]);
  });

  it('given malformed statements, when imported, then 400 names the entry and nothing is written', async () => {
    const before = eventCount();
    const ok: Entry = { amount: '5000.00', dir: 'DBIT', ref: 'ICBC-X', e2e: items[0].itemId };
    const cases: [string, RegExp][] = [
      ['<Document><BkToCstmrStmt>', /not well-formed XML/],
      [camt053([ok], 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.02'), /namespace/],
      [camt053([ok, { ...ok, amount: '5000.001' }]), /entry 2: amount "5000.001"/],
      [camt053([ok, { ...ok, ccy: 'USD' }]), /entry 2: currency "USD" is not CNY/],
    ];
    for (const [xml, message] of cases) {
      const r = await postXml(xml);
      expect({ status: r.status, message: r.body.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
    const csv = await http
      .as(fay)
      .post('/v1/bank-statements', { format: 'csv', content: 'a,b\n1,2' });
    expect(csv.status).toBe(400);
    expect(eventCount()).toBe(before);
  });

  it('given a camt.053 statement, when imported, then the matched debit records the payment and the rest is unmatched; imported again, nothing changes', async () => {
    const xml = camt053([
      { amount: '5000.00', dir: 'DBIT', ref: 'ICBC-20230322-0001', e2e: items[0].itemId },
      {
        amount: '100.00',
        dir: 'DBIT',
        ref: 'ICBC-20230322-0002',
        e2e: 'ffffffffffffffffffffffff-9',
      },
      { amount: '100.00', dir: 'CRDT', ref: 'ICBC-20230322-0003' },
      // A reversal of another amount: for the item's amount it would return
      // the payment of line 1 (ADR 0021; bank-statement.process.int.spec.ts).
      {
        amount: '4000.00',
        dir: 'DBIT',
        ref: 'ICBC-20230322-0004',
        e2e: items[0].itemId,
        reversal: true,
      },
    ]);
    const r = await postXml(xml);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      statementId: expect.stringMatching(/^[0-9a-f]{64}$/),
      lines: 4,
      paid: [{ line: 1, itemId: items[0].itemId, trancheId: tranche[A], amountFen: 500_000 }],
      recovered: [],
    });
    expect(r.body.unmatched.map((u: any) => u.line)).toEqual([2, 3, 4]);
    const paid = await http
      .as(fay)
      .get(`/v1/disbursements/${items[0].itemId}?minPosition=${r.body.position}`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      trancheId: tranche[A],
      amountFen: 500_000,
      bankRef: 'ICBC-20230322-0001',
      paidOn: '2023-03-22',
    });
    const execution = await http
      .as(fay)
      .get(`/v1/reports/budget-execution?fiscalYear=2023&minPosition=${r.body.position}`);
    expect(execution.body.programmes).toEqual([
      {
        programme: 'seat',
        appropriatedFen: 0,
        committedFen: 0,
        paidFen: 500_000,
        earlierYearsReturnedFen: 0,
        executionRateBasisPoints: null,
        months: [{ month: '2023-03', committedFen: 0, paidFen: 500_000 }],
      },
    ]);
    const before = eventCount();
    const again = await postXml(xml);
    expect(again.status).toBe(201);
    expect({ ...again.body, position: 0 }).toEqual({ ...r.body, position: 0 });
    expect(eventCount()).toBe(before);
  });

  it('given the statement paid the item, when the batch is opened, then it is paid and its item shows the day the bank paid it', async () => {
    const list = await http.as(finn).get('/v1/payment-batches');
    expect(list.body.items.map((b: any) => [b.batchId, b.status, b.paidCount])).toEqual([
      [batchId, 'paid', 1],
    ]);
    const one = await http.as(finn).get(`/v1/payment-batches/${batchId}`);
    expect(one.body.items[0]).toMatchObject({ itemId: items[0].itemId, paidOn: '2023-03-22' });
  });

  it('given the paid tranche found false, when a statement credit names the case, then the recovery is recorded; its remittance to the treasury is bounded by it', async () => {
    const supervisor = tokenFor('sue', 'supervisor');
    const applicationId = tranche[A].replace(/\.t1$/, '');
    const view = await http.as(reviewer).get(`/v1/seat-applications/${applicationId}`);
    const claimIds = view.body.claims.map((c: any) => c.claimId);
    const opened = await http.as(supervisor).post('/v1/cases', {
      enterpriseId: A,
      openedOn: '2023-04-01',
      reason: '虚假申报',
      suspend: false,
    });
    expect(opened.status).toBe(201);
    const found = await http.as(supervisor).post(`/v1/cases/${opened.body.caseId}/findings`, {
      foundOn: '2023-04-02',
      falseClaimIds: claimIds,
      note: '未在岗',
    });
    expect(found.status).toBe(201);
    const content = [
      'bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned',
      `2023-04-10,CRDT,2000.00,CNY,ICBC-BACK-1,,${opened.body.caseId},false`,
    ].join('\n');
    const r = await http.as(fay).post('/v1/bank-statements', { format: 'csv', content });
    expect(r.status).toBe(201);
    expect(r.body.recovered).toEqual([
      { line: 1, caseId: opened.body.caseId, recoveryId: expect.any(String), amountFen: 200_000 },
    ]);
    const tooMuch = await http.as(fay).post('/v1/remittances', {
      fiscalYear: 2023,
      remittedOn: '2023-04-20',
      amountFen: 200_001,
      treasuryRef: '缴库-2023-0001',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.rule).toBe('R-FRAUD');
    const remitted = await http.as(fay).post('/v1/remittances', {
      fiscalYear: 2023,
      remittedOn: '2023-04-20',
      amountFen: 150_000,
      treasuryRef: '缴库-2023-0001',
    });
    expect(remitted.status).toBe(201);
    const twice = await http.as(fay).post('/v1/remittances', {
      fiscalYear: 2023,
      remittedOn: '2023-04-21',
      amountFen: 1,
      treasuryRef: '缴库-2023-0001',
    });
    expect(twice.status).toBe(409);
    const list = await http
      .as(tokenFor('al', 'auditor'))
      .get(`/v1/remittances?fiscalYear=2023&minPosition=${remitted.body.position}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      fiscalYear: 2023,
      recoveredFen: 200_000,
      remittedFen: 150_000,
      notRemittedFen: 50_000,
      remittances: [
        {
          remittanceId: remitted.body.remittanceId,
          remittedOn: '2023-04-20',
          amountFen: 150_000,
          treasuryRef: '缴库-2023-0001',
        },
      ],
    });
  });

  it('given the whole bank cycle, when the ledger is stopped and verified, then every invariant holds (payments matched to their items, remitted within recovered)', async () => {
    await ledger.stop();
    expectLedgerVerifies(ledger.dataDir);
  });
});
