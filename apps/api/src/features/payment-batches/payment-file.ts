import { create } from 'xmlbuilder2';
import { fenToDecimal, PaymentBatchState } from '@ledger/domain';

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export interface Debtor {
  name: string;
  account: string;
  bankCode: string;
}

/** A bank's clearing-system member id: CNAPS (大额支付系统行号) in China. */
const cnaps = (bankCode: string) => ({
  ClrSysMmbId: { ClrSysId: { Cd: 'CNAPS' }, MmbId: bankCode },
});

/**
 * ISO 20022 `pain.001.001.03` (CustomerCreditTransferInitiation) of an
 * approved batch: one payment information block drawn on the bureau's
 * account, one credit transfer per item whose `EndToEndId` is the item id
 * (the bank sends it back on the statement), amounts in CNY with two
 * decimals from integer fen. Built with xmlbuilder2 (ADR 0019), elements in
 * the order of the message definition.
 */
export function pain001(batch: PaymentBatchState, debtor: Debtor, createdAt: string): string {
  if (!batch.approved) throw new Error(`payment batch ${batch.batchId} is not approved`);
  const count = String(batch.items.length);
  const ctrlSum = fenToDecimal(batch.totalFen);
  const doc = {
    Document: {
      '@xmlns': PAIN_001_NAMESPACE,
      CstmrCdtTrfInitn: {
        GrpHdr: {
          MsgId: batch.batchId,
          CreDtTm: createdAt.replace(/\.\d{3}Z$/, ''),
          NbOfTxs: count,
          CtrlSum: ctrlSum,
          InitgPty: { Nm: debtor.name },
        },
        PmtInf: {
          PmtInfId: batch.batchId,
          PmtMtd: 'TRF',
          NbOfTxs: count,
          CtrlSum: ctrlSum,
          ReqdExctnDt: batch.approved.approvedOn,
          Dbtr: { Nm: debtor.name },
          DbtrAcct: { Id: { Othr: { Id: debtor.account } }, Ccy: 'CNY' },
          DbtrAgt: { FinInstnId: cnaps(debtor.bankCode) },
          CdtTrfTxInf: batch.items.map((i) => ({
            PmtId: { EndToEndId: i.itemId },
            Amt: { InstdAmt: { '@Ccy': 'CNY', '#': fenToDecimal(i.amountFen) } },
            CdtrAgt: { FinInstnId: { ...cnaps(i.bankCode), Nm: i.bankName } },
            Cdtr: { Nm: i.accountName },
            CdtrAcct: { Id: { Othr: { Id: i.accountNumber } } },
            RmtInf: { Ustrd: i.trancheId },
          })),
        },
      },
    },
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, doc).end({ prettyPrint: true });
}

export const CSV_HEADER = [
  'itemId',
  'trancheId',
  'payeeName',
  'accountName',
  'accountNumber',
  'bankName',
  'bankCode',
  'amount',
  'currency',
];

/** RFC 4180 quoting; a cell a spreadsheet would read as a formula is defused with a quote mark. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The same instructions as CSV, for banks that take one (UTF-8, CRLF, amounts in yuan). */
export function paymentCsv(batch: PaymentBatchState): string {
  const rows = [
    CSV_HEADER,
    ...batch.items.map((i) => [
      i.itemId,
      i.trancheId,
      i.payeeName,
      i.accountName,
      i.accountNumber,
      i.bankName,
      i.bankCode,
      fenToDecimal(i.amountFen),
      'CNY',
    ]),
  ];
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
