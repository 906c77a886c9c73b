import { useId, useRef, useState } from 'react';
import { get, post, qs } from '../api/client';
import { Session } from '../auth/session';
import { col, Row } from '../components/columns';
import { CursorTable } from '../components/cursor-table';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../components/ui';
import { formatYuan, parseYuan } from '../format/money';
import { statusText, useI18n } from '../i18n/i18n';
import { readRosterFile } from '../roster/read-roster-file';
import { RosterResult } from '../roster/roster';
import { ApplicationDetail } from './application-detail';
import { BalanceView } from './balance-view';
import { InternshipApplications, SiteApplications } from './programme-applications';

interface Submitted {
  applicationId: string;
  claims: { claimId: string; status: string; rule?: string; reason?: string }[];
}

/** An applicant is an enterprise or a school (its token's `schoolId` claim): each sees its own. */
export function ApplicantPage({ session }: { session: Session }) {
  if (session.schoolId && !session.enterpriseId)
    return <InternshipApplications schoolId={session.schoolId} />;
  return <EnterpriseApplicantPage session={session} />;
}

function EnterpriseApplicantPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const enterpriseId = session.enterpriseId ?? '';
  const [picked, setPicked] = useState('');
  const [reload, setReload] = useState(0);
  const headingId = useId();
  return (
    <>
      <Section title={t('applicant.title')} headingId={headingId}>
        <CursorTable<Row>
          caption={t('applicant.title')}
          labelledBy={headingId}
          path={`/v1/seat-applications${qs({ enterpriseId })}`}
          reloadKey={reload}
          columns={[
            col('applicationId', t('field.applicationId')),
            col('submittedOn', t('field.submittedOn')),
            col('claimCount', t('field.claims')),
            col('status', t('field.status')),
            col('approvedFen', t('field.approved')),
            col('paidFen', t('field.disbursed')),
          ]}
          onPick={(r) => setPicked(String(r.applicationId))}
        />
        {picked && <ApplicationDetail applicationId={picked} />}
      </Section>
      <SiteApplications enterpriseId={enterpriseId} />
      <NewApplication enterpriseId={enterpriseId} onDone={() => setReload((n) => n + 1)} />
      <Evidence initial={picked} />
      <Section title={t('applicant.balance')}>
        <BalanceView enterpriseId={enterpriseId} />
      </Section>
      <FundUse enterpriseId={enterpriseId} />
    </>
  );
}

function NewApplication({ enterpriseId, onDone }: { enterpriseId: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [roster, setRoster] = useState<RosterResult>();
  const [submittedOn, setSubmittedOn] = useState(today());
  const send = useAction<Submitted>();
  const ready = roster && roster.problems.length === 0 && roster.claims.length > 0;
  return (
    <Section title={t('applicant.new')}>
      <p className="muted">{t('applicant.rosterHint')}</p>
      <RosterFileInput
        onFile={async (file) => setRoster(file ? await readRosterFile(file) : undefined)}
      />
      {roster && (
        <p role="status">
          {roster.claims.length} {t('applicant.rows')}
        </p>
      )}
      {roster && roster.problems.length > 0 && (
        <div role="alert" className="error">
          <strong>{t('applicant.badRows')}</strong>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.problems.map((p) => (
                <tr key={`${p.row}-${p.field}`} className="bad-row">
                  <td>{p.row}</td>
                  <td>{t(`field.${p.field}`)}</td>
                  <td>{t(p.problem)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Field
        label={t('field.submittedOn')}
        type="date"
        value={submittedOn}
        onChange={setSubmittedOn}
      />
      <button
        type="button"
        disabled={!ready || send.busy}
        onClick={async () => {
          const r = await send.run(() =>
            post<Submitted>('/v1/seat-applications', {
              enterpriseId,
              submittedOn,
              claims: roster?.claims,
            }),
          );
          if (r) onDone();
        }}
      >
        {t('app.submit')}
      </button>
      <ErrorNotice error={send.error} />
      {send.result && (
        <div role="status" className="ok">
          {t('applicant.submitted')}:{' '}
          <code className="application-id">{send.result.applicationId}</code>
          <ul>
            {send.result.claims.map((c) => (
              <li key={c.claimId} data-claim={c.claimId}>
                {c.claimId} · {statusText(lang, c.status)}
                {c.rule && (
                  <>
                    {' '}
                    · <code className="rule">{c.rule}</code> {c.reason}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

/**
 * The browser's own file input shows its own words ("Choose File") whatever
 * the console's language: it stays hidden, labelled, behind a button in the
 * reader's language that opens it.
 */
function RosterFileInput({ onFile }: { onFile: (file: File | undefined) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const nameId = useId();
  const [fileName, setFileName] = useState('');
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('applicant.rosterFile')}</label>
      <input
        ref={input}
        id={inputId}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          setFileName(file?.name ?? '');
          onFile(file);
        }}
      />
      <span className="file-pick">
        <button type="button" aria-describedby={nameId} onClick={() => input.current?.click()}>
          {t('applicant.chooseFile')}
        </button>{' '}
        <span id={nameId} className="muted">
          {fileName || t('applicant.noFile')}
        </span>
      </span>
    </div>
  );
}

function Evidence({ initial }: { initial: string }) {
  const { t } = useI18n();
  const [applicationId, setApplicationId] = useState(initial);
  const [months, setMonths] = useState('');
  const [filedOn, setFiledOn] = useState(today());
  const send = useAction<unknown>();
  const detail = useLoad<{ claims: { claimId: string }[] }>(
    `evidence:${applicationId}`,
    applicationId.length > 8
      ? () => get(`/v1/seat-applications/${encodeURIComponent(applicationId)}`)
      : undefined,
  );
  return (
    <Section title={t('applicant.evidence')}>
      <Field label={t('field.applicationId')} value={applicationId} onChange={setApplicationId} />
      <Field
        label={t('field.months')}
        value={months}
        onChange={setMonths}
        placeholder="2023-03~2023-08"
      />
      <Field label={t('field.filedOn')} type="date" value={filedOn} onChange={setFiledOn} />
      <button
        type="button"
        disabled={send.busy || !detail.data}
        onClick={() => {
          const list = expandMonths(months);
          return send.run(() =>
            post(`/v1/seat-applications/${encodeURIComponent(applicationId)}/evidence`, {
              filedOn,
              claims: (detail.data?.claims ?? []).map((c) => ({
                claimId: c.claimId,
                wageMonths: list,
                insuranceMonths: list,
              })),
            }),
          );
        }}
      >
        {t('app.submit')}
      </button>
      <ErrorNotice error={send.error ?? detail.error} />
      <Done show={!!send.result} />
    </Section>
  );
}

/** `2023-03~2023-05` → the three months; single months separated by commas pass through. */
export function expandMonths(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，\s]+/).filter(Boolean)) {
    const [a, b] = part.split('~');
    if (!b) {
      out.push(a);
      continue;
    }
    let [y, m] = a.split('-').map(Number);
    const [ty, tm] = b.split('-').map(Number);
    while (y * 12 + m <= ty * 12 + tm && out.length < 240) {
      out.push(`${y}-${String(m).padStart(2, '0')}`);
      m += 1;
      if (m === 13) [y, m] = [y + 1, 1];
    }
  }
  return out;
}

function FundUse({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const [reportedOn, setReportedOn] = useState(today());
  const [education, setEducation] = useState('');
  const [other, setOther] = useState('');
  const send = useAction<unknown>();
  const compliance = useLoad<{
    educationShare?: number;
    belowMinimum?: boolean;
    seatReceivedFen?: number;
    educationFen?: number;
  }>(
    `compliance:${enterpriseId}:${String(send.result ? 1 : 0)}`,
    enterpriseId ? () => get(`/v1/enterprises/${enterpriseId}/compliance`) : undefined,
  );
  const educationFen = parseYuan(education);
  const otherFen = parseYuan(other);
  return (
    <Section title={t('applicant.fundUse')}>
      <Field
        label={t('field.reportedOn')}
        type="date"
        value={reportedOn}
        onChange={setReportedOn}
      />
      <Field label={`${t('field.educationFen')} (¥)`} value={education} onChange={setEducation} />
      <Field label={`${t('field.otherFen')} (¥)`} value={other} onChange={setOther} />
      <button
        type="button"
        disabled={send.busy || educationFen === undefined || otherFen === undefined}
        onClick={() =>
          send.run(() =>
            post(`/v1/enterprises/${enterpriseId}/fund-uses`, {
              reportedOn,
              educationFen,
              otherFen,
            }),
          )
        }
      >
        {t('app.submit')}
      </button>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
      {compliance.data && (
        <p>
          {t('applicant.compliance')}: {formatYuan(compliance.data.educationFen)} /{' '}
          {formatYuan(compliance.data.seatReceivedFen)}
        </p>
      )}
    </Section>
  );
}
