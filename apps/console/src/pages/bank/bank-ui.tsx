import { ReactNode, Suspense, useId, useState } from 'react';
import { ruleArticle } from '../../../../../libs/domain/src/policy/rule-articles';
import { formatYuan } from '../../format/money';
import { Field } from '../../components/ui';
import { ListColumn } from '../../components/list-table';
import { Lang, programmeText, useI18n } from '../../i18n/i18n';

export interface Tab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * A tab bar (WAI-ARIA tabs pattern: arrow keys move between tabs). The chosen
 * tab survives a reload of the tab in the browser (sessionStorage), so a person
 * who reloads to see fresh figures stays where they were.
 */
export function Tabs({ name, label, tabs }: { name: string; label: string; tabs: Tab[] }) {
  const key = `ledger.tab.${name}`;
  const [active, setActive] = useState<string>(() => {
    const saved = sessionStorage.getItem(key);
    return tabs.some((t) => t.id === saved) ? (saved as string) : tabs[0].id;
  });
  const base = useId();
  const choose = (id: string) => {
    sessionStorage.setItem(key, id);
    setActive(id);
  };
  const { t } = useI18n();
  const current = tabs.find((x) => x.id === active) ?? tabs[0];
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs no-print">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === current.id ? 0 : -1}
            onClick={() => choose(tab.id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = tabs[(i + step + tabs.length) % tabs.length];
              choose(next.id);
              document.getElementById(`${base}-tab-${next.id}`)?.focus();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current.id}`}>
        {/* A boundary per tab: the tab left unmounts at once instead of hiding behind the fallback. */}
        <Suspense key={current.id} fallback={<p className="muted">{t('app.loading')}</p>}>
          <div className="tab-panel">{current.render()}</div>
        </Suspense>
      </div>
    </>
  );
}

export function Select(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <label className="field" htmlFor={id}>
      <span>{props.label}</span>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Hands a downloaded file to the browser as a download under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export const Money = ({ fen }: { fen: number | null | undefined }) => (
  <span className="money">{formatYuan(fen)}</span>
);

/** A rule id with its policy article in Chinese, as refusals show it. */
export function RuleRef({ rule }: { rule: string }) {
  const article = ruleArticle(rule)?.zh;
  return (
    <>
      <code className="rule">{rule}</code>
      {article && (
        <>
          {' · '}
          <span className="article">{article}</span>
        </>
      )}
    </>
  );
}

/** The fiscal year the page shows: this calendar year unless the person picks another. */
export const thisYear = (): string => String(new Date().getFullYear());

/** A fiscal year as the API takes it: four digits (anything else loads nothing yet). */
export const isFiscalYear = (v: string): boolean => /^\d{4}$/.test(v);

export function FiscalYearField(props: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Field
      label={t('bank.fiscalYear')}
      type="number"
      min="2000"
      max="2100"
      value={props.value}
      onChange={props.onChange}
    />
  );
}

/** A budget line's first columns, as the budgets list and the execution report both start. */
export function appropriationColumns<
  T extends { programme: string; appropriatedFen: number; committedFen: number },
>(t: (key: string) => string, lang: Lang): ListColumn<T>[] {
  return [
    { header: t('field.programme'), cell: (p) => programmeText(lang, p.programme) },
    { header: t('bank.appropriated'), money: true, cell: (p) => <Money fen={p.appropriatedFen} /> },
    { header: t('bank.committed'), money: true, cell: (p) => <Money fen={p.committedFen} /> },
  ];
}
