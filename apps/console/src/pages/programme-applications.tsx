import { useState } from 'react';
import { get, qs } from '../api/client';
import { col } from '../components/columns';
import { ListTable } from '../components/list-table';
import { WorkListSection } from '../components/work-list-section';
import { ErrorNotice, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { programmeText, statusText, useI18n } from '../i18n/i18n';

/** The statuses each list filters by (API.md "Work lists"). */
const SITE_STATUSES = ['submitted', 'approved', 'partly-paid', 'paid'] as const;
const INTERNSHIP_STATUSES = ['submitted', 'approved', 'paid'] as const;

interface TrancheView {
  trancheId: string;
  year?: number;
  status: string;
  decidedOn: string;
  amountFen: number;
  publicity?: { publicityId: string; startsOn: string; endsOn: string };
  disbursement?: { paidOn: string; amountFen: number; bankRef: string };
}

interface SiteApplicationView {
  applicationId: string;
  enterpriseId: string;
  programme: string;
  submittedOn: string;
  premises: { address: string };
  totalFen?: number;
  tranches: TrancheView[];
}

interface InternshipApplicationView {
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: string;
  internsSent: number;
  retained: number;
  retentionRate: string;
  interns: { internId: string; name: string; personIdMasked: string; retained: boolean }[];
  tranche?: TrancheView & { included: { internId: string; amountFen: number }[] };
}

function StatusFilter(props: {
  statuses: readonly string[];
  value: string;
  onChange: (v: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <label className="field">
      <span>{t('field.status')}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('app.all')}</option>
        {props.statuses.map((s) => (
          <option key={s} value={s}>
            {statusText(lang, s)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Site applications (lease, renovation, purchase): an applicant sees its own enterprise's. */
export function SiteApplications({ enterpriseId }: { enterpriseId?: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [picked, setPicked] = useState('');
  return (
    <WorkListSection
      title={t('site.applications')}
      path={`/v1/site-applications${qs({ enterpriseId, status: status || undefined })}`}
      filters={<StatusFilter statuses={SITE_STATUSES} value={status} onChange={setStatus} />}
      columns={[
        col('applicationId', t('field.applicationId')),
        ...(enterpriseId ? [] : [col('enterpriseId', t('field.enterpriseId'))]),
        col('kind', t('site.kind')),
        col('address', t('site.address')),
        col('submittedOn', t('field.submittedOn')),
        col('status', t('field.status')),
        col('approvedFen', t('field.approved')),
        col('paidFen', t('field.disbursed')),
      ]}
      onPick={(r) => setPicked(String(r.applicationId))}
    >
      {picked && <SiteApplicationDetail key={picked} applicationId={picked} />}
    </WorkListSection>
  );
}

function SiteApplicationDetail({ applicationId }: { applicationId: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/site-applications/${encodeURIComponent(applicationId)}`;
  const app = useLoad<SiteApplicationView>(path, () => get(path));
  const a = app.data;
  return (
    <div className="detail" aria-label={t('app.detail')}>
      <ErrorNotice error={app.error} />
      {a && (
        <>
          <h3>
            {programmeText(lang, a.programme)} · <code>{a.applicationId}</code>
          </h3>
          <dl className="facts">
            <dt>{t('site.address')}</dt>
            <dd>{a.premises.address}</dd>
            <dt>{t('field.submittedOn')}</dt>
            <dd>{a.submittedOn}</dd>
            {a.totalFen !== undefined && (
              <>
                <dt>{t('field.total')}</dt>
                <dd className="money">{formatYuan(a.totalFen)}</dd>
              </>
            )}
          </dl>
          <Tranches tranches={a.tranches} />
        </>
      )}
    </div>
  );
}

/** Internship applications: a school signed in as applicant sees its own. */
export function InternshipApplications({ schoolId }: { schoolId?: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [picked, setPicked] = useState('');
  return (
    <WorkListSection
      title={t('internship.applications')}
      path={`/v1/internship-applications${qs({ schoolId, status: status || undefined })}`}
      filters={<StatusFilter statuses={INTERNSHIP_STATUSES} value={status} onChange={setStatus} />}
      columns={[
        col('applicationId', t('field.applicationId')),
        ...(schoolId ? [] : [col('schoolId', t('field.schoolId'))]),
        col('year', t('internship.year')),
        col('submittedOn', t('field.submittedOn')),
        col('internsSent', t('internship.sent')),
        col('retained', t('internship.retained')),
        col('status', t('field.status')),
        col('approvedFen', t('field.approved')),
        col('paidFen', t('field.disbursed')),
      ]}
      onPick={(r) => setPicked(String(r.applicationId))}
    >
      {picked && <InternshipApplicationDetail key={picked} applicationId={picked} />}
    </WorkListSection>
  );
}

function InternshipApplicationDetail({ applicationId }: { applicationId: string }) {
  const { t } = useI18n();
  const path = `/v1/internship-applications/${encodeURIComponent(applicationId)}`;
  const app = useLoad<InternshipApplicationView>(path, () => get(path));
  const a = app.data;
  const amounts = new Map((a?.tranche?.included ?? []).map((i) => [i.internId, i.amountFen]));
  return (
    <div className="detail" aria-label={t('app.detail')}>
      <ErrorNotice error={app.error} />
      {a && (
        <>
          <h3>
            {t('internship.applications')} · <code>{a.applicationId}</code>
          </h3>
          <dl className="facts">
            <dt>{t('internship.year')}</dt>
            <dd>{a.year}</dd>
            <dt>{t('internship.retention')}</dt>
            <dd>
              {a.retained} / {a.internsSent} ({a.retentionRate})
            </dd>
          </dl>
          <ListTable
            caption={t('internship.interns')}
            rows={a.interns}
            rowKey={(i) => i.internId}
            columns={[
              { header: t('field.name'), cell: (i) => i.name },
              { header: t('field.personId'), cell: (i) => i.personIdMasked },
              { header: t('internship.retained'), cell: (i) => (i.retained ? '✓' : '') },
              {
                header: t('field.amount'),
                money: true,
                cell: (i) => (amounts.has(i.internId) ? formatYuan(amounts.get(i.internId)) : ''),
              },
            ]}
          />
          <Tranches tranches={a.tranche ? [a.tranche] : []} />
        </>
      )}
    </div>
  );
}

/** A programme's tranches: amount, status, notice and payment, in yuan. */
function Tranches({ tranches }: { tranches: TrancheView[] }) {
  const { t, lang } = useI18n();
  if (tranches.length === 0) return <p className="muted">{t('site.noTranches')}</p>;
  return (
    <ListTable
      caption={t('site.tranches')}
      rows={tranches}
      rowKey={(tr) => tr.trancheId}
      columns={[
        { header: t('field.trancheId'), cell: (tr) => <code>{tr.trancheId}</code> },
        {
          header: t('field.status'),
          cell: (tr) => statusText(lang, tr.disbursement ? 'paid' : tr.status),
        },
        { header: t('field.decidedOn'), cell: (tr) => tr.decidedOn },
        { header: t('field.amount'), money: true, cell: (tr) => formatYuan(tr.amountFen) },
        { header: t('field.endsOn'), cell: (tr) => tr.publicity?.endsOn ?? '' },
        { header: t('field.paidOn'), cell: (tr) => tr.disbursement?.paidOn ?? '' },
        { header: t('field.bankRef'), cell: (tr) => tr.disbursement?.bankRef ?? '' },
      ]}
    />
  );
}
