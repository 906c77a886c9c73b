import { useEffect, useState } from 'react';
import { get, Page, post, qs } from '../api/client';
import { Chart, fenToYuanAxis } from '../charts/lazy-chart';
import { ErrorNotice, Field, Section, today, useAction, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { eventTypeText, programmeText, useI18n } from '../i18n/i18n';
import { BalanceView } from './balance-view';

interface AuditEvent {
  position: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  actor: string;
  role: string;
  businessDate?: string;
  recordedAt: string;
}

const DAY_MS = 86_400_000;

export function AuditorPage() {
  const { t } = useI18n();
  const [enterpriseId, setEnterpriseId] = useState('');
  const [asOf, setAsOf] = useState(today());
  // The slider counts days back from now: 0 is "what the ledger shows now".
  const [daysBack, setDaysBack] = useState(0);
  const [now] = useState(() => Date.now());
  const asKnownAt = daysBack === 0 ? undefined : new Date(now - daysBack * DAY_MS).toISOString();
  return (
    <>
      <Section title={t('auditor.balances')}>
        <div className="form">
          <Field label={t('field.enterpriseId')} value={enterpriseId} onChange={setEnterpriseId} />
          <Field label={t('field.asOf')} type="date" value={asOf} onChange={setAsOf} />
          <label className="field">
            <span>
              {t('field.asKnownAt')}: <output>{asKnownAt ?? 'now'}</output>
            </span>
            <input
              type="range"
              min={0}
              max={730}
              step={1}
              value={730 - daysBack}
              aria-valuetext={asKnownAt ?? 'now'}
              onChange={(e) => setDaysBack(730 - Number(e.target.value))}
            />
          </label>
        </div>
        {enterpriseId.trim().length === 18 && (
          <BalanceView enterpriseId={enterpriseId.trim()} asOf={asOf} asKnownAt={asKnownAt} />
        )}
      </Section>
      {enterpriseId.trim().length === 18 && <History enterpriseId={enterpriseId.trim()} />}
      <Verify />
      <PersonCap />
    </>
  );
}

/** Events an enterprise's timeline loads at most (ten pages of the work-list form). */
const HISTORY_MAX = 5_000;

/** The enterprise's events, page after page through the list's cursor (API.md "Work lists"). */
async function enterpriseEvents(enterpriseId: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await get<Page<AuditEvent>>(
      `/v1/audit/events${qs({ enterpriseId, limit: 500, cursor: cursor ?? undefined })}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < HISTORY_MAX);
  return items;
}

function History({ enterpriseId }: { enterpriseId: string }) {
  const { t, lang } = useI18n();
  const events = useLoad<AuditEvent[]>(`history:${enterpriseId}`, () =>
    enterpriseEvents(enterpriseId),
  );
  const items = events.data ?? [];
  const byMonth = new Map<string, Map<string, number>>();
  for (const e of items) {
    if (e.type !== 'TrancheDisbursed' || typeof e.data.amountFen !== 'number') continue;
    const month = (e.businessDate ?? String(e.data.paidOn ?? '')).slice(0, 7);
    const programme = String(e.data.programme ?? 'seat');
    const m = byMonth.get(programme) ?? new Map<string, number>();
    m.set(month, (m.get(month) ?? 0) + e.data.amountFen);
    byMonth.set(programme, m);
  }
  const months = [...new Set([...byMonth.values()].flatMap((m) => [...m.keys()]))].sort();
  return (
    <Section title={t('auditor.history')}>
      <ErrorNotice error={events.error} />
      {months.length > 0 && (
        <Chart
          label={t('chart.payments')}
          option={{
            tooltip: {},
            legend: {},
            xAxis: { type: 'category', data: months },
            yAxis: { type: 'value', name: '¥' },
            series: [...byMonth.entries()].map(([programme, m]) => ({
              type: 'bar',
              stack: 'paid',
              name: programmeText(lang, programme),
              data: months.map((mo) => fenToYuanAxis(m.get(mo) ?? 0)),
            })),
          }}
        />
      )}
      <ol className="timeline">
        {items.map((e) => (
          <li key={e.position}>
            <time dateTime={e.businessDate ?? e.recordedAt}>
              {e.businessDate ?? e.recordedAt.slice(0, 10)}
            </time>{' '}
            <strong data-type={e.type}>{eventTypeText(lang, e.type)}</strong> · {e.actor} ({e.role})
            {typeof e.data.amountFen === 'number' && <> · {formatYuan(e.data.amountFen)}</>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

interface Verification {
  verificationId: string;
  status: 'running' | 'passed' | 'failed';
  progress?: { eventsChecked: number; eventsTotal: number };
  startedAt?: string;
  finishedAt?: string | null;
  report?: unknown;
}

/** `POST /v1/audit/verifications` runs `verify` in a worker; the page polls its progress. */
function Verify() {
  const { t } = useI18n();
  const start = useAction<{ verificationId: string }>();
  const latest = useLoad<Verification>('verification:latest', () =>
    get('/v1/audit/verifications/latest'),
  );
  const [current, setCurrent] = useState<Verification>();
  // Counts failed reads of a running verification: each one schedules the next.
  const [failedReads, setFailedReads] = useState(0);
  const shown = current ?? latest.data;
  useEffect(() => {
    if (!current || current.status !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setCurrent(
          await get<Verification>(
            `/v1/audit/verifications/${encodeURIComponent(current.verificationId)}`,
          ),
        );
      } catch {
        // Nothing else changes after a failed read: without this the polling stopped
        // and the page showed "running" for good. The start button shows refusals.
        setFailedReads((n) => n + 1);
      }
    }, 500);
    return () => clearTimeout(timer);
  }, [current, failedReads]);
  const p = shown?.progress;
  return (
    <Section title={t('auditor.verify')}>
      <button
        type="button"
        disabled={start.busy || current?.status === 'running'}
        onClick={async () => {
          const v = await start.run(() =>
            post<{ verificationId: string }>('/v1/audit/verifications', {}),
          );
          if (v) setCurrent({ verificationId: v.verificationId, status: 'running' });
        }}
      >
        {t('auditor.verify')}
      </button>
      <ErrorNotice error={start.error} />
      {shown && (
        <div role="status">
          {current ? '' : `${t('auditor.lastResult')} · `}
          {t('field.status')}:{' '}
          <strong className={`verify-status ${shown.status}`}>{t(`verify.${shown.status}`)}</strong>
          {p && (
            <>
              {' '}
              <label>
                {t('auditor.progress')}{' '}
                <progress max={Math.max(p.eventsTotal, 1)} value={p.eventsChecked} />
              </label>{' '}
              {p.eventsChecked} / {p.eventsTotal}
            </>
          )}
          {shown.finishedAt && <> · {shown.finishedAt}</>}
          {shown.report !== undefined && shown.report !== null && (
            <details>
              <summary>{t('auditor.lastResult')}</summary>
              <pre className="report">{JSON.stringify(shown.report, null, 2)}</pre>
            </details>
          )}
        </div>
      )}
    </Section>
  );
}

function PersonCap() {
  const { t } = useI18n();
  const [personId, setPersonId] = useState('');
  const path = `/v1/persons/${encodeURIComponent(personId.trim())}/cap`;
  const cap = useLoad<{
    personIdMasked: string;
    capFen: number;
    usedFen: number;
    remainingFen: number;
  }>(path, personId.trim().length === 18 ? () => get(path) : undefined);
  return (
    <Section title={t('chart.cap')}>
      <Field label={t('field.personId')} value={personId} onChange={setPersonId} />
      <ErrorNotice error={cap.error} />
      {cap.data && (
        <Chart
          label={`${t('chart.cap')} ${cap.data.personIdMasked}`}
          option={{
            tooltip: {},
            series: [
              {
                type: 'pie',
                data: [
                  {
                    name: `${t('field.approved')} ${formatYuan(cap.data.usedFen)}`,
                    value: cap.data.usedFen,
                  },
                  {
                    name: `${t('field.remaining')} ${formatYuan(cap.data.remainingFen)}`,
                    value: cap.data.remainingFen,
                  },
                ],
              },
            ],
          }}
        />
      )}
    </Section>
  );
}
