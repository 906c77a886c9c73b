import { useId, useState } from 'react';
import { post, postText } from '../../api/client';
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
          {r.paid.length > 0 && (
            <table className="paid-lines">
              <caption>{t('bank.paidLines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bank.line')}</th>
                  <th scope="col">{t('bank.itemId')}</th>
                  <th scope="col">{t('field.trancheId')}</th>
                  <th scope="col" className="money">
                    {t('field.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.paid.map((p) => (
                  <tr key={p.line} data-tranche={p.trancheId}>
                    <td>{p.line}</td>
                    <td>
                      <code>{p.itemId}</code>
                    </td>
                    <td>{p.trancheId}</td>
                    <td className="money">
                      <Money fen={p.amountFen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.returned.length > 0 && (
            <table className="returned-lines">
              <caption>{t('bank.returnedLines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bank.line')}</th>
                  <th scope="col">{t('field.trancheId')}</th>
                  <th scope="col" className="money">
                    {t('field.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.returned.map((p) => (
                  <tr key={p.line}>
                    <td>{p.line}</td>
                    <td>{p.trancheId ?? ''}</td>
                    <td className="money">
                      <Money fen={p.amountFen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.recovered.length > 0 && (
            <table className="recovered-lines">
              <caption>{t('bank.recoveredLines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bank.line')}</th>
                  <th scope="col">{t('field.caseId')}</th>
                  <th scope="col" className="money">
                    {t('field.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.recovered.map((p) => (
                  <tr key={p.line}>
                    <td>{p.line}</td>
                    <td>{p.caseId}</td>
                    <td className="money">
                      <Money fen={p.amountFen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.unmatched.length > 0 && (
            <table className="unmatched-lines">
              <caption>{t('bank.unmatchedLines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bank.line')}</th>
                  <th scope="col">{t('field.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {r.unmatched.map((p) => (
                  <tr key={p.line}>
                    <td>{p.line}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Section>
  );
}
