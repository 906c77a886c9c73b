import { ReactNode, useState } from 'react';
import { get, post, qs } from '../../api/client';
import { ListTable } from '../../components/list-table';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { parseYuan } from '../../format/money';
import { programmeText, useI18n } from '../../i18n/i18n';
import { barPercent } from './bank-format';
import {
  appropriationColumns,
  FiscalYearField,
  isFiscalYear,
  Money,
  Select,
  thisYear,
} from './bank-ui';

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
    isFiscalYear(fiscalYear) ? () => get(path) : undefined,
  );
  const items = list.data?.items ?? [];
  const changed = () => setTick((n) => n + 1);
  return (
    <>
      <Section title={t('bank.budgets')}>
        <FiscalYearField value={fiscalYear} onChange={setFiscalYear} />
        <ErrorNotice error={list.error} />
        <ListTable
          className="budgets"
          caption={`${t('bank.budgets')} · ${fiscalYear}`}
          rows={items}
          rowKey={(b) => b.budgetId}
          rowProps={(b) => ({ 'data-budget': b.budgetId })}
          columns={[
            ...appropriationColumns<Budget>(t, lang),
            {
              header: t('bank.paid'),
              money: true,
              className: 'paid',
              cell: (b) => (
                <>
                  <Money fen={b.paidFen} />
                  {b.earlierYearsReturnedFen > 0 && (
                    <small className="muted earlier-years-returned">
                      <br />
                      {t('bank.earlierYearsReturned')} <Money fen={b.earlierYearsReturnedFen} />
                    </small>
                  )}
                </>
              ),
            },
            {
              header: t('bank.available'),
              money: true,
              className: 'available',
              cell: (b) => <Money fen={b.availableFen} />,
            },
            { header: t('bank.usage'), cell: (b) => <UsageBar budget={b} /> },
          ]}
        />
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

/** Under a budget form: an amount that does not read as yuan, the refusal, or what was written. */
function Outcome(props: {
  amount: string;
  send: { error?: unknown; result?: unknown };
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      {props.amount && parseYuan(props.amount) === undefined && (
        <p className="error">{t('bank.badAmount')}</p>
      )}
      <ErrorNotice error={props.send.error} />
      <Done show={!!props.send.result}>{props.children}</Done>
    </>
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
        <FiscalYearField value={year} onChange={setYear} />
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
      <Outcome amount={amount} send={send}>
        {send.result?.budgetId}
      </Outcome>
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
      <Outcome amount={amount} send={send} />
    </Section>
  );
}
