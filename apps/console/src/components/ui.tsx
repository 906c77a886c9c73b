import { ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { ruleArticle } from '../../../../libs/domain/src/policy/rule-articles';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * A refusal as a person reads it: the rule id, the policy article in Chinese
 * (from the body when the API answered in Chinese, otherwise from the same table
 * the API uses) and the message.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <div role="alert" className="error">
        {t('error.network')}
      </div>
    );
  const { rule, article, message } = error.body;
  const zhArticle = article ?? (rule ? ruleArticle(rule)?.zh : undefined);
  return (
    <div role="alert" className="error" data-status={error.status}>
      <strong>
        {t('error.title')} ({error.status})
      </strong>
      {rule && (
        <div>
          {t('error.rule')}: <code className="rule">{rule}</code>
          {zhArticle && (
            <>
              {' · '}
              {t('error.article')}: <span className="article">{zhArticle}</span>
            </>
          )}
        </div>
      )}
      <div className="message">{Array.isArray(message) ? message.join('；') : message}</div>
    </div>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per `key` (and on reload); `load` undefined means nothing to load yet. */
export function useLoad<T>(key: string, load: (() => Promise<T>) | undefined): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: !!load,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `key` names what `load` fetches: a new closure each render must not refetch.
  }, [key, tick]);
  return { ...state, reload: useCallback(() => setTick((n) => n + 1), []) } as Loaded<T>;
}

/** A command button's state: busy while it runs, its answer or its refusal after. */
export function useAction<T>() {
  const [state, setState] = useState<{ busy: boolean; result?: T; error?: unknown }>({
    busy: false,
  });
  const run = useCallback(async (action: () => Promise<T>) => {
    setState({ busy: true });
    try {
      const result = await action();
      setState({ busy: false, result });
      return result;
    } catch (error) {
      setState({ busy: false, error });
      return undefined;
    }
  }, []);
  return { ...state, run };
}

export function Section({
  title,
  children,
  headingId,
}: {
  title: string;
  children: ReactNode;
  /** The heading's id, for a table inside that is named by it rather than by a caption of its own. */
  headingId?: string;
}) {
  const ownId = useId();
  const id = headingId ?? ownId;
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  placeholder?: string;
  min?: string;
  max?: string;
}) {
  const id = useId();
  return (
    <label className="field" htmlFor={id}>
      <span>{props.label}</span>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function Done({ show, children }: { show: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <p role="status" className="ok">
      {t('app.done')} {children}
    </p>
  );
}

/** Today as a business date, in the browser's time zone (a default the person can change). */
export const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
