import { useState } from 'react';
import { fetchBlob, post } from '../../api/client';
import { col, Row } from '../../components/columns';
import { CursorTable } from '../../components/cursor-table';
import { Done, ErrorNotice, Field, Section, today, useAction } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { trancheIdList } from './bank-format';
import { Money, RuleRef, saveBlob } from './bank-ui';

interface Batch {
  batchId: string;
  items: {
    itemId: string;
    trancheId: string;
    payeeName: string;
    accountMasked: string;
    amountFen: number;
  }[];
  refused: { trancheId: string; rule: string; reason: string }[];
  totalFen: number;
}

/**
 * 支付批次: payable tranches gathered into a batch, approved by another finance
 * officer (four eyes, R-SOD), and its instruction file downloaded for the bank.
 */
export default function PaymentBatchesTab() {
  const { t } = useI18n();
  const [ids, setIds] = useState('');
  const [createdOn, setCreatedOn] = useState(today());
  const [batchId, setBatchId] = useState('');
  const [tick, setTick] = useState(0);
  const create = useAction<Batch>();
  const chosen = trancheIdList(ids);
  return (
    <>
      <Section title={t('bank.newBatch')}>
        <CursorTable<Row>
          caption={t('finance.payable')}
          path="/v1/tranches?status=payable"
          reloadKey={tick}
          columns={[
            col('trancheId', t('field.trancheId')),
            col('payee.name', t('field.enterpriseName')),
            col('programme', t('field.programme')),
            col('amountFen', t('field.amount')),
            col('publicity.endsOn', t('field.endsOn')),
          ]}
          onPick={(r) => setIds((v) => trancheIdList(`${v}\n${String(r.trancheId)}`).join('\n'))}
        />
        <div className="form">
          <label className="field" htmlFor="batch-tranches">
            <span>{t('bank.batchTranches')}</span>
            <textarea
              id="batch-tranches"
              rows={Math.min(8, Math.max(2, chosen.length + 1))}
              cols={48}
              value={ids}
              onChange={(e) => setIds(e.target.value)}
            />
          </label>
          <Field
            label={t('bank.createdOn')}
            type="date"
            value={createdOn}
            onChange={setCreatedOn}
          />
          <button
            type="button"
            disabled={create.busy || chosen.length === 0}
            onClick={async () => {
              const done = await create.run(() =>
                post<Batch>('/v1/payment-batches', { createdOn, trancheIds: chosen }),
              );
              if (done) {
                setBatchId(done.batchId);
                setIds('');
                setTick((n) => n + 1);
              }
            }}
          >
            {t('bank.createBatch')} ({chosen.length})
          </button>
        </div>
        <ErrorNotice error={create.error} />
        {create.result && <BatchView batch={create.result} />}
      </Section>
      <ApproveAndDownload batchId={batchId} setBatchId={setBatchId} />
    </>
  );
}

function BatchView({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  return (
    <div className="batch" data-batch={batch.batchId}>
      <p role="status" className="ok">
        {t('bank.batchCreated')} <code className="batch-id">{batch.batchId}</code> ·{' '}
        {t('bank.itemCount')} {batch.items.length} · {t('bank.total')}{' '}
        <span className="batch-total">
          <Money fen={batch.totalFen} />
        </span>
      </p>
      {batch.items.length > 0 && (
        <table className="batch-items">
          <caption>{t('bank.items')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bank.itemId')}</th>
              <th scope="col">{t('field.trancheId')}</th>
              <th scope="col">{t('bank.payee')}</th>
              <th scope="col">{t('bank.accountNumber')}</th>
              <th scope="col" className="money">
                {t('field.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {batch.items.map((i) => (
              <tr key={i.itemId} data-tranche={i.trancheId}>
                <td>
                  <code>{i.itemId}</code>
                </td>
                <td>{i.trancheId}</td>
                <td>{i.payeeName}</td>
                <td>{i.accountMasked}</td>
                <td className="money">
                  <Money fen={i.amountFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batch.refused.length > 0 && (
        <table className="batch-refused">
          <caption>{t('bank.refused')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.trancheId')}</th>
              <th scope="col">{t('error.rule')}</th>
              <th scope="col">{t('field.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {batch.refused.map((r) => (
              <tr key={r.trancheId} data-tranche={r.trancheId}>
                <td>{r.trancheId}</td>
                <td>
                  <RuleRef rule={r.rule} />
                </td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ApproveAndDownload(props: { batchId: string; setBatchId: (v: string) => void }) {
  const { t } = useI18n();
  const [approvedOn, setApprovedOn] = useState(today());
  const approve = useAction<{ approvedBy: string; approvedOn: string }>();
  const download = useAction<unknown>();
  const id = props.batchId.trim();
  const fetchFile = (format: 'pain.001' | 'csv') =>
    download.run(async () => {
      const blob = await fetchBlob(
        'GET',
        `/v1/payment-batches/${encodeURIComponent(id)}/file?format=${format}`,
      );
      saveBlob(blob, `${id}.${format === 'csv' ? 'csv' : 'pain.001.xml'}`);
      return true;
    });
  return (
    <Section title={t('bank.approveBatch')}>
      <p className="muted">{t('bank.fourEyes')}</p>
      <div className="form">
        <Field label={t('bank.batchId')} value={props.batchId} onChange={props.setBatchId} />
        <Field
          label={t('bank.approvedOn')}
          type="date"
          value={approvedOn}
          onChange={setApprovedOn}
        />
        <button
          type="button"
          disabled={approve.busy || !id}
          onClick={() =>
            approve.run(() =>
              post<{ approvedBy: string; approvedOn: string }>(
                `/v1/payment-batches/${encodeURIComponent(id)}/approval`,
                { approvedOn },
              ),
            )
          }
        >
          {t('bank.approve')}
        </button>
      </div>
      <ErrorNotice error={approve.error} />
      <Done show={!!approve.result}>
        {t('bank.approvedBy')} {approve.result?.approvedBy} · {approve.result?.approvedOn}
      </Done>
      <div className="form">
        <button type="button" disabled={download.busy || !id} onClick={() => fetchFile('pain.001')}>
          {t('bank.downloadPain')}
        </button>
        <button type="button" disabled={download.busy || !id} onClick={() => fetchFile('csv')}>
          {t('bank.downloadCsv')}
        </button>
      </div>
      <ErrorNotice error={download.error} />
    </Section>
  );
}
