import {
  approvePaymentBatch,
  createPaymentBatch,
  LedgerDeps,
  verifyPayeeAccount,
} from '@ledger/application';
import {
  approvedApplication,
  approveFirstTranche,
  ctxOf,
  forEachConcurrently,
  publicizeTranche,
} from './ledger-fixture';

const SETUP_CONCURRENCY = 32;

export interface BatchItem {
  itemId: string;
  amountFen: number;
}

/** A camt.053.001.02 statement debiting every item of the batch once. */
export function statementOf(items: BatchItem[]): string {
  const entries = items
    .map(
      (i, n) =>
        `<Ntry><Amt Ccy="CNY">${(i.amountFen / 100).toFixed(2)}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2023-03-22</Dt></BookgDt><AcctSvcrRef>BENCH-${n + 1}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>${i.itemId}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2023-03-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-STMT</Id>\n${entries}\n</Stmt></BkToCstmrStmt></Document>`;
}

/**
 * As many seat applications of one claim as `lines`, approved, published, with
 * a verified account, in one approved batch: what a statement of `lines`
 * debits pays.
 */
export async function approvedBatchOf(deps: LedgerDeps, lines: number): Promise<BatchItem[]> {
  const trancheIds: string[] = new Array(lines);
  await forEachConcurrently(lines, SETUP_CONCURRENCY, async (i) => {
    const { applicationId, enterpriseId } = await approvedApplication(deps, 20_000 + i, 1, i, {
      applicationId: `bank-${i}`,
    });
    const t = await approveFirstTranche(deps, applicationId);
    await publicizeTranche(deps, t.result.trancheId, `bank-pub-${i}`);
    await verifyPayeeAccount(deps, ctxOf('rita', 'reviewer'), {
      accountId: `bank-acc-${i}`,
      payeeKind: 'enterprise',
      payeeId: enterpriseId,
      accountName: `Enterprise ${20_000 + i}`,
      accountNumber: String(6_222_020_200_000_000 + i),
      bankName: '中国工商银行大同分行',
      bankCode: '102162000015',
      verifiedOn: '2023-03-15',
    });
    trancheIds[i] = t.result.trancheId;
  });
  const batch = await createPaymentBatch(deps, ctxOf('fay', 'finance'), {
    createdOn: '2023-03-20',
    trancheIds,
  });
  if (batch.result.items.length !== lines) {
    throw new Error(
      `batch holds ${batch.result.items.length} of ${lines}: ${JSON.stringify(batch.result.refused.slice(0, 3))}`,
    );
  }
  await approvePaymentBatch(deps, ctxOf('finn', 'finance'), batch.result.batchId, {
    approvedOn: '2023-03-21',
  });
  return batch.result.items;
}
