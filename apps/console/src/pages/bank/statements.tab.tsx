import { useId, useState } from 'react';
import { post, postText } from '../../api/client';
import { ListColumn, ListTable } from '../../components/list-table';
import { ErrorNotice, Section, useAction } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { statementRequest } from './bank-format';
import { Money } from './bank-ui';

interface StatementResult {
  statementId: string;
  importedOn: string;
  lines: number;
  paid: { line: number; itemId: string; trancheId: string; amountFen: number }[];
  returned: { line: number; trancheId?: string; amountFen?: number }[];
  recovered: { line: number; caseId: string; recoveryId: string; amountFen: number }[];
  unmatched: { line: number; reason: string }[];
}

/**
 * The statements this tab has sent. The API answers the same statement again
 * with its first result and writes nothing (its id is the sha256 of the file);
 * the answer does not say it was a repeat, so the page knows it from here.
 */
const SEEN_KEY = 'ledger.statements.seen';
const seen = (): string[] => JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]') as string[];

/** One kind of statement line, numbered as in the file; nothing when there is none of that kind. */
function LinesTable<T extends { line: number }>(props: {
  className: string;
  caption: string;
  rows: T[];
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  columns: ListColumn<T>[];
}) {
  const { t } = useI18n();
  if (props.rows.length === 0) return null;
  return (
    <ListTable
      {...props}
      rowKey={(p) => p.line}
      columns={[{ header: t('bank.line'), cell: (p) => p.line }, ...props.columns]}
    />
  );
}

/** 银行对账: a camt.053 XML or CSV statement uploaded, the reconciliation shown line by line. */
export default function StatementsTab() {
  const { t } = useI18n();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [repeat, setRepeat] = useState(false);
  const send = useAction<StatementResult>();
  const upload = async () => {
    if (!file) return;
    const req = statementRequest(file.name, file.text);
    const result = await send.run(() =>
      req.kind === 'xml'
        ? postText<StatementResult>('/v1/bank-statements', req.text, 'application/xml')
        : post<StatementResult>('/v1/bank-statements', req.body),
    );
    if (!result) return;
    const before = seen();
    setRepeat(before.includes(result.statementId));
    if (!before.includes(result.statementId))
      sessionStorage.setItem(SEEN_KEY, JSON.stringify([...before, result.statementId]));
  };
  const r = send.result;
  const amount: ListColumn<{ amountFen?: number }> = {
    header: t('field.amount'),
    money: true,
    cell: (p) => <Money fen={p.amountFen} />,
  };
  return (
    <Section title={t('bank.statements')}>
      <p className="muted">{t('bank.statementHint')}</p>
      <div className="form">
        <label className="field" htmlFor={inputId}>
          <span>{t('bank.statementFile')}</span>
          <input
            id={inputId}
            type="file"
            accept=".xml,.csv,application/xml,text/xml,text/csv"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              setFile(f ? { name: f.name, text: await f.text() } : undefined);
            }}
          />
        </label>
        <button type="button" disabled={!file || send.busy} onClick={upload}>
          {t('bank.import')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      {r && (
        <div className="reconciliation" data-statement={r.statementId}>
          {repeat ? (
            <p role="status" className="ok repeat">
              {t('bank.repeat')}
            </p>
          ) : (
            <p role="status" className="ok">
              {t('bank.imported')}
            </p>
          )}
          <dl className="totals">
            <dt>{t('bank.statementId')}</dt>
            <dd>
              <code title={r.statementId}>{r.statementId.slice(0, 16)}…</code>
            </dd>
            <dt>{t('bank.importedOn')}</dt>
            <dd>{r.importedOn}</dd>
            <dt>{t('bank.lines')}</dt>
            <dd>{r.lines}</dd>
            <dt>{t('bank.paidLines')}</dt>
            <dd className="count-paid">{r.paid.length}</dd>
            <dt>{t('bank.returnedLines')}</dt>
            <dd className="count-returned">{r.returned.length}</dd>
            <dt>{t('bank.recoveredLines')}</dt>
            <dd className="count-recovered">{r.recovered.length}</dd>
            <dt>{t('bank.unmatchedLines')}</dt>
            <dd className="count-unmatched">{r.unmatched.length}</dd>
          </dl>
          <LinesTable
            className="paid-lines"
            caption={t('bank.paidLines')}
            rows={r.paid}
            rowProps={(p) => ({ 'data-tranche': p.trancheId })}
            columns={[
              { header: t('bank.itemId'), cell: (p) => <code>{p.itemId}</code> },
              { header: t('field.trancheId'), cell: (p) => p.trancheId },
              amount,
            ]}
          />
          <LinesTable
            className="returned-lines"
            caption={t('bank.returnedLines')}
            rows={r.returned}
            columns={[{ header: t('field.trancheId'), cell: (p) => p.trancheId ?? '' }, amount]}
          />
          <LinesTable
            className="recovered-lines"
            caption={t('bank.recoveredLines')}
            rows={r.recovered}
            columns={[{ header: t('field.caseId'), cell: (p) => p.caseId }, amount]}
          />
          <LinesTable
            className="unmatched-lines"
            caption={t('bank.unmatchedLines')}
            rows={r.unmatched}
            columns={[{ header: t('field.reason'), cell: (p) => p.reason }]}
          />
        </div>
      )}
    </Section>
  );
}
