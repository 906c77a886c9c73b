import { useState } from 'react';
import { get, post, qs } from '../../api/client';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { parseYuan } from '../../format/money';
import { programmeText, useI18n } from '../../i18n/i18n';
import { barPercent } from './bank-format';
import { Money, Select, thisYear } from './bank-ui';

const PROGRAMMES = ['seat', 'siteLease', 'siteRenovation', 'sitePurchase', 'internship'] as const;

interface Budget {
  budgetId: string;
  programme: string;
  fiscalYear: number;
  appropriatedFen: number;
  committedFen: number;
  paidFen: number;
  /** Earlier years' payments the bank sent back this year: not taken off paidFen (ADR 0021). */
  earlierYearsReturnedFen: number;
  availableFen: number;
}

/** 预算: appropriations by fiscal year, a new appropriation, a signed adjustment (R-BUDGET). */
export default function BudgetsTab() {
  const { t, lang } = useI18n();
  const [fiscalYear, setFiscalYear] = useState(thisYear());
  const [tick, setTick] = useState(0);
  const path = `/v1/budgets${qs({ fiscalYear })}`;
  const list = useLoad<{ items: Budget[] }>(
    `${path}#${tick}`,
    /^\d{4}$/.test(fiscalYear) ? () => get(path) : undefined,
  );
  const items = list.data?.items ?? [];
  const changed = () => setTick((n) => n + 1);
  return (
    <>
      <Section title={t('bank.budgets')}>
        <Field
          label={t('bank.fiscalYear')}
          type="number"
          min="2000"
          max="2100"
          value={fiscalYear}
          onChange={setFiscalYear}
        />
        <ErrorNotice error={list.error} />
        <table className="budgets">
          <caption>
            {t('bank.budgets')} · {fiscalYear}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('field.programme')}</th>
              <th scope="col" className="money">
                {t('bank.appropriated')}
              </th>
              <th scope="col" className="money">
                {t('bank.committed')}
              </th>
              <th scope="col" className="money">
                {t('bank.paid')}
              </th>
              <th scope="col" className="money">
                {t('bank.available')}
              </th>
              <th scope="col">{t('bank.usage')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.budgetId} data-budget={b.budgetId}>
                <td>{programmeText(lang, b.programme)}</td>
                <td className="money">
                  <Money fen={b.appropriatedFen} />
                </td>
                <td className="money">
                  <Money fen={b.committedFen} />
                </td>
                <td className="money paid">
                  <Money fen={b.paidFen} />
                  {b.earlierYearsReturnedFen > 0 && (
                    <small className="muted earlier-years-returned">
                      <br />
                      {t('bank.earlierYearsReturned')} <Money fen={b.earlierYearsReturnedFen} />
                    </small>
                  )}
                </td>
                <td className="money available">
                  <Money fen={b.availableFen} />
                </td>
                <td>
                  <UsageBar budget={b} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!list.loading && items.length === 0 && <p className="muted">{t('app.none')}</p>}
      </Section>
      {/* The form starts on the year the list shows. */}
      <Appropriate key={fiscalYear} fiscalYear={fiscalYear} onDone={changed} />
      <Adjust budgets={items} onDone={changed} />
    </>
  );
}

/** Paid and committed as shares of the appropriation; the figures beside it are the record. */
function UsageBar({ budget: b }: { budget: Budget }) {
  const { t } = useI18n();
  const paid = barPercent(b.paidFen, b.appropriatedFen);
  const committed = Math.max(0, barPercent(b.committedFen, b.appropriatedFen) - paid);
  return (
    <div
      className="usage-bar"
      role="img"
      aria-label={`${t('bank.paid')} ${paid.toFixed(0)}% · ${t('bank.committed')} ${(paid + committed).toFixed(0)}%`}
    >
      <span className="usage-paid" style={{ width: `${paid}%` }} />
      <span className="usage-committed" style={{ width: `${committed}%` }} />
    </div>
  );
}

function Appropriate({ fiscalYear, onDone }: { fiscalYear: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [programme, setProgramme] = useState<string>('seat');
  const [year, setYear] = useState(fiscalYear);
  const [amount, setAmount] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const send = useAction<{ budgetId: string }>();
  const amountFen = parseYuan(amount);
  return (
    <Section title={t('bank.appropriate')}>
      <div className="form">
        <Select
          label={t('field.programme')}
          value={programme}
          onChange={setProgramme}
          options={PROGRAMMES.map((p) => ({ value: p, label: programmeText(lang, p) }))}
        />
        <Field
          label={t('bank.fiscalYear')}
          type="number"
          min="2000"
          max="2100"
          value={year}
          onChange={setYear}
        />
        <Field label={`${t('bank.amountYuan')}`} value={amount} onChange={setAmount} />
        <Field label={t('bank.documentRef')} value={documentRef} onChange={setDocumentRef} />
        <button
          type="button"
          disabled={send.busy || amountFen === undefined || amountFen <= 0 || !documentRef.trim()}
          onClick={async () => {
            const done = await send.run(() =>
              post<{ budgetId: string }>('/v1/budgets', {
                programme,
                fiscalYear: Number(year),
                amountFen,
                documentRef: documentRef.trim(),
              }),
            );
            if (done) onDone();
          }}
        >
          {t('app.submit')}
        </button>
      </div>
      {amount && amountFen === undefined && <p className="error">{t('bank.badAmount')}</p>}
      <ErrorNotice error={send.error} />
      <Done show={!!send.result}>{send.result?.budgetId}</Done>
    </Section>
  );
}

function Adjust({ budgets, onDone }: { budgets: Budget[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [budgetId, setBudgetId] = useState('');
  const [decidedOn, setDecidedOn] = useState(today());
  const [amount, setAmount] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [reason, setReason] = useState('');
  const send = useAction<unknown>();
  const amountFen = parseYuan(amount);
  const chosen = budgetId || budgets[0]?.budgetId || '';
  return (
    <Section title={t('bank.adjust')}>
      <div className="form">
        <Select
          label={t('bank.budget')}
          value={chosen}
          onChange={setBudgetId}
          options={budgets.map((b) => ({
            value: b.budgetId,
            label: `${programmeText(lang, b.programme)} ${b.fiscalYear}`,
          }))}
        />
        <Field label={t('field.decidedOn')} type="date" value={decidedOn} onChange={setDecidedOn} />
        <Field label={t('bank.signedAmountYuan')} value={amount} onChange={setAmount} />
        <Field label={t('bank.documentRef')} value={documentRef} onChange={setDocumentRef} />
        <Field label={t('field.reason')} value={reason} onChange={setReason} />
        <button
          type="button"
          disabled={
            send.busy ||
            !chosen ||
            amountFen === undefined ||
            amountFen === 0 ||
            !documentRef.trim() ||
            !reason.trim()
          }
          onClick={async () => {
            const done = await send.run(() =>
              post(`/v1/budgets/${encodeURIComponent(chosen)}/adjustments`, {
                decidedOn,
                amountFen,
                documentRef: documentRef.trim(),
                reason: reason.trim(),
              }),
            );
            if (done) onDone();
          }}
        >
          {t('app.submit')}
        </button>
      </div>
      {amount && amountFen === undefined && <p className="error">{t('bank.badAmount')}</p>}
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
    </Section>
  );
}
