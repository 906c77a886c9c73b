import { ColumnDef } from '@tanstack/react-table';
import { useId, useState } from 'react';
import { fetchBlob, get, post } from '../../api/client';
import { col, Row } from '../../components/columns';
import { CursorTable } from '../../components/cursor-table';
import { ListTable } from '../../components/list-table';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { statusText, useI18n } from '../../i18n/i18n';
import { trancheIdList } from './bank-format';
import { Money, RuleRef, saveBlob } from './bank-ui';

interface BatchItem {
  itemId: string;
  trancheId: string;
  payeeName: string;
  accountMasked: string;
  amountFen: number;
  /** In the batch view only: the bank's answer. */
  paidOn?: string | null;
  returnedOn?: string | null;
}

interface Refusal {
  trancheId: string;
  rule: string;
  reason: string;
}

interface Batch {
  batchId: string;
  items: BatchItem[];
  refused: Refusal[];
  totalFen: number;
}

/** `GET /v1/payment-batches/:id`. */
interface BatchView extends Batch {
  createdOn: string;
  createdBy: string;
  status: 'awaiting-approval' | 'approved' | 'partly-paid' | 'paid';
  itemCount: number;
  approvedBy: string | null;
  approvedOn: string | null;
  paidCount: number;
  returnedCount: number;
}

/**
 * 支付批次: payable tranches gathered into a batch; the batches listed, those
 * awaiting approval first, so that another finance officer (four eyes, R-SOD)
 * finds and opens one, approves it and downloads its file for the bank.
 */
export default function PaymentBatchesTab() {
  const [opened, setOpened] = useState('');
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  return (
    <>
      <NewBatch
        onCreated={(batchId) => {
          setOpened(batchId);
          changed();
        }}
      />
      <BatchList reloadKey={tick} opened={opened} onOpen={setOpened} />
      {opened && <OpenBatch batchId={opened} reloadKey={tick} onChanged={changed} />}
    </>
  );
}

function NewBatch({ onCreated }: { onCreated: (batchId: string) => void }) {
  const { t } = useI18n();
  const [ids, setIds] = useState('');
  const [createdOn, setCreatedOn] = useState(today());
  const [tick, setTick] = useState(0);
  const create = useAction<Batch>();
  const chosen = trancheIdList(ids);
  return (
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
        <Field label={t('bank.createdOn')} type="date" value={createdOn} onChange={setCreatedOn} />
        <button
          type="button"
          disabled={create.busy || chosen.length === 0}
          onClick={async () => {
            const done = await create.run(() =>
              post<Batch>('/v1/payment-batches', { createdOn, trancheIds: chosen }),
            );
            if (done) {
              setIds('');
              setTick((n) => n + 1);
              onCreated(done.batchId);
            }
          }}
        >
          {t('bank.createBatch')} ({chosen.length})
        </button>
      </div>
      <ErrorNotice error={create.error} />
      {create.result && (
        <div className="batch" data-batch={create.result.batchId}>
          <p role="status" className="ok">
            {t('bank.batchCreated')} <code className="batch-id">{create.result.batchId}</code> ·{' '}
            {t('bank.itemCount')} {create.result.items.length} · {t('bank.total')}{' '}
            <span className="batch-total">
              <Money fen={create.result.totalFen} />
            </span>
          </p>
          <BatchTables batch={create.result} />
        </div>
      )}
    </Section>
  );
}

/** The batches, awaiting approval first (the API's order); each opens with its button. */
function BatchList(props: {
  reloadKey: number;
  opened: string;
  onOpen: (batchId: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const open: ColumnDef<Row, unknown> = {
    id: 'open',
    header: t('bank.batchId'),
    cell: (c) => {
      const id = String(c.row.original.batchId);
      return (
        <button
          type="button"
          className="link"
          aria-pressed={props.opened === id}
          onClick={() => props.onOpen(id)}
        >
          <code>{id}</code>
        </button>
      );
    },
  };
  return (
    <Section title={t('bank.batches')} headingId={headingId}>
      <CursorTable<Row>
        caption={t('bank.batches')}
        labelledBy={headingId}
        path="/v1/payment-batches"
        reloadKey={props.reloadKey}
        columns={[
          open,
          col('status', t('field.status')),
          col('createdOn', t('bank.createdOn')),
          col('createdBy', t('bank.createdBy')),
          col('itemCount', t('bank.itemCount')),
          col('totalFen', t('bank.total')),
          col('approvedBy', t('bank.approvedBy')),
          col('approvedOn', t('bank.approvedOn')),
        ]}
      />
    </Section>
  );
}

/** One batch: its transfers, approval by a second officer, then its file. */
function OpenBatch(props: { batchId: string; reloadKey: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [approvedOn, setApprovedOn] = useState(today());
  const approve = useAction<{ approvedBy: string; approvedOn: string }>();
  const download = useAction<unknown>();
  const id = props.batchId;
  const path = `/v1/payment-batches/${encodeURIComponent(id)}`;
  const batch = useLoad<BatchView>(`${path}#${props.reloadKey}`, () => get<BatchView>(path));
  const b = batch.data?.batchId === id ? batch.data : undefined;
  const fetchFile = (format: 'pain.001' | 'csv') =>
    download.run(async () => {
      const blob = await fetchBlob('GET', `${path}/file?format=${format}`);
      saveBlob(blob, `${id}.${format === 'csv' ? 'csv' : 'pain.001.xml'}`);
      return true;
    });
  return (
    <Section title={t('bank.approveBatch')}>
      <p className="muted">{t('bank.fourEyes')}</p>
      <ErrorNotice error={batch.error} />
      {b && (
        <div className="batch" data-batch={b.batchId} data-status={b.status}>
          <dl className="facts batch-summary">
            <dt>{t('bank.batchId')}</dt>
            <dd>
              <code className="batch-id">{b.batchId}</code>
            </dd>
            <dt>{t('field.status')}</dt>
            <dd className="batch-status">{statusText(lang, b.status)}</dd>
            <dt>{t('bank.createdBy')}</dt>
            <dd>
              {b.createdBy} · {b.createdOn}
            </dd>
            <dt>{t('bank.total')}</dt>
            <dd>
              <span className="batch-total">
                <Money fen={b.totalFen} />
              </span>{' '}
              · {t('bank.itemCount')} {b.itemCount}
            </dd>
            {b.approvedBy && (
              <>
                <dt>{t('bank.approvedBy')}</dt>
                <dd className="batch-approval">
                  {b.approvedBy} · {b.approvedOn}
                </dd>
              </>
            )}
          </dl>
          <BatchTables batch={b} answers />
          {b.status === 'awaiting-approval' && (
            <div className="form">
              <Field
                label={t('bank.approvedOn')}
                type="date"
                value={approvedOn}
                onChange={setApprovedOn}
              />
              <button
                type="button"
                disabled={approve.busy}
                onClick={async () => {
                  const done = await approve.run(() =>
                    post<{ approvedBy: string; approvedOn: string }>(`${path}/approval`, {
                      approvedOn,
                    }),
                  );
                  if (done) props.onChanged();
                }}
              >
                {t('bank.approve')}
              </button>
            </div>
          )}
          <ErrorNotice error={approve.error} />
          <Done show={!!approve.result}>
            {t('bank.approvedBy')} {approve.result?.approvedBy} · {approve.result?.approvedOn}
          </Done>
          <div className="form">
            <button
              type="button"
              disabled={download.busy || b.status === 'awaiting-approval'}
              onClick={() => fetchFile('pain.001')}
            >
              {t('bank.downloadPain')}
            </button>
            <button
              type="button"
              disabled={download.busy || b.status === 'awaiting-approval'}
              onClick={() => fetchFile('csv')}
            >
              {t('bank.downloadCsv')}
            </button>
          </div>
          <ErrorNotice error={download.error} />
        </div>
      )}
    </Section>
  );
}

/** A batch's transfers (with the bank's answer when `answers`) and what it left out, with the rule. */
function BatchTables({ batch, answers }: { batch: Batch; answers?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {batch.items.length > 0 && (
        <ListTable
          className="batch-items"
          caption={t('bank.items')}
          rows={batch.items}
          rowKey={(i) => i.itemId}
          rowProps={(i) => ({ 'data-tranche': i.trancheId })}
          columns={[
            { header: t('bank.itemId'), cell: (i) => <code>{i.itemId}</code> },
            { header: t('field.trancheId'), cell: (i) => i.trancheId },
            { header: t('bank.payee'), cell: (i) => i.payeeName },
            { header: t('bank.accountNumber'), cell: (i) => i.accountMasked },
            { header: t('field.amount'), money: true, cell: (i) => <Money fen={i.amountFen} /> },
            ...(answers
              ? [
                  {
                    header: t('field.paidOn'),
                    className: 'paid-on',
                    cell: (i: BatchItem) => i.paidOn ?? '',
                  },
                  {
                    header: t('bank.returnedOn'),
                    className: 'returned-on',
                    cell: (i: BatchItem) => i.returnedOn ?? '',
                  },
                ]
              : []),
          ]}
        />
      )}
      {batch.refused.length > 0 && (
        <ListTable
          className="batch-refused"
          caption={t('bank.refused')}
          rows={batch.refused}
          rowKey={(r) => r.trancheId}
          rowProps={(r) => ({ 'data-tranche': r.trancheId })}
          columns={[
            { header: t('field.trancheId'), cell: (r) => r.trancheId },
            { header: t('error.rule'), cell: (r) => <RuleRef rule={r.rule} /> },
            { header: t('field.reason'), cell: (r) => r.reason },
          ]}
        />
      )}
    </>
  );
}
