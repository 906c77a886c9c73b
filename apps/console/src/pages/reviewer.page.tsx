import { useState } from 'react';
import { post } from '../api/client';
import { col, Row } from '../components/columns';
import { CursorTable } from '../components/cursor-table';
import { WorkListSection } from '../components/work-list-section';
import { Done, ErrorNotice, Field, Section, today, useAction } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { ApplicationDetail } from './application-detail';
import { NoticeView } from './notice';
import { InternshipApplications, SiteApplications } from './programme-applications';

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function ReviewerPage() {
  const { t } = useI18n();
  const [applicationId, setApplicationId] = useState('');
  const [opened, setOpened] = useState('');
  return (
    <>
      <WorkListSection
        title={t('reviewer.queue')}
        path="/v1/seat-applications?status=submitted"
        columns={[
          col('applicationId', t('field.applicationId')),
          col('enterpriseId', t('field.enterpriseId')),
          col('submittedOn', t('field.submittedOn')),
          col('claimCount', t('field.claims')),
          col('status', t('field.status')),
        ]}
        onPick={(r) => {
          setApplicationId(String(r.applicationId));
          setOpened(String(r.applicationId));
        }}
      />
      <Section title={t('reviewer.review')}>
        <div className="form">
          <Field
            label={t('field.applicationId')}
            value={applicationId}
            onChange={setApplicationId}
          />
          <button type="button" onClick={() => setOpened(applicationId.trim())}>
            {t('app.open')}
          </button>
        </div>
        {opened && <ApplicationDetail key={opened} applicationId={opened} review />}
      </Section>
      <Compose />
      <Objection />
      <SiteApplications />
      <InternshipApplications />
    </>
  );
}

function Compose() {
  const { t } = useI18n();
  const [trancheIds, setTrancheIds] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(addDays(today(), 6));
  const [publishedAt, setPublishedAt] = useState('大同市人力资源和社会保障局网站');
  const send = useAction<{ publicityId: string }>();
  const pick = (id: string) => {
    const ids = trancheIds.split(/[,，\s]+/).filter(Boolean);
    if (!ids.includes(id)) setTrancheIds([...ids, id].join(', '));
  };
  return (
    <Section title={t('reviewer.compose')}>
      <CursorTable<Row>
        caption={t('reviewer.approvedTranches')}
        path="/v1/tranches?status=approved"
        columns={[
          col('trancheId', t('field.trancheId')),
          col('payee.name', t('field.enterpriseName')),
          col('programme', t('field.programme')),
          col('tranche', t('field.tranche')),
          col('amountFen', t('field.amount')),
          col('approvedOn', t('field.decidedOn')),
        ]}
        onPick={(r) => pick(String(r.trancheId))}
      />
      <div className="form">
        <Field label={t('field.trancheId')} value={trancheIds} onChange={setTrancheIds} />
        <Field label={t('field.startsOn')} type="date" value={startsOn} onChange={setStartsOn} />
        <Field label={t('field.endsOn')} type="date" value={endsOn} onChange={setEndsOn} />
        <Field label={t('field.publishedAt')} value={publishedAt} onChange={setPublishedAt} />
        <button
          type="button"
          disabled={send.busy || !trancheIds.trim()}
          onClick={() =>
            send.run(() =>
              post<{ publicityId: string }>('/v1/publicity', {
                trancheIds: trancheIds.split(/[,，\s]+/).filter(Boolean),
                startsOn,
                endsOn,
                publishedAt: publishedAt || undefined,
              }),
            )
          }
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      {send.result && <NoticeView publicityId={send.result.publicityId} />}
    </Section>
  );
}

function Objection() {
  const { t } = useI18n();
  const [publicityId, setPublicityId] = useState('');
  const [claimId, setClaimId] = useState('');
  const [raisedOn, setRaisedOn] = useState(today());
  const [text, setText] = useState('');
  const send = useAction<{ objectionId: string }>();
  return (
    <Section title={t('reviewer.objection')}>
      <CursorTable<Row>
        caption={t('reviewer.publicityList')}
        path="/v1/publicity?status=open"
        columns={[
          col('publicityId', t('field.publicityId')),
          col('startsOn', t('field.startsOn')),
          col('endsOn', t('field.endsOn')),
          col('entryCount', t('field.claims')),
          col('totalFen', t('field.amount')),
          col('openObjections', t('reviewer.objection')),
        ]}
        onPick={(r) => setPublicityId(String(r.publicityId))}
      />
      <div className="form">
        <Field label={t('field.publicityId')} value={publicityId} onChange={setPublicityId} />
        <Field label={t('field.claimId')} value={claimId} onChange={setClaimId} />
        <Field label={t('field.date')} type="date" value={raisedOn} onChange={setRaisedOn} />
        <Field label={t('field.text')} value={text} onChange={setText} />
        <button
          type="button"
          disabled={send.busy || !publicityId || !text}
          onClick={() =>
            send.run(() =>
              post(`/v1/publicity/${encodeURIComponent(publicityId)}/objections`, {
                raisedOn,
                claimId: claimId || undefined,
                text,
              }),
            )
          }
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result}>{send.result?.objectionId}</Done>
      <Resolution publicityId={publicityId} objectionId={send.result?.objectionId ?? ''} />
    </Section>
  );
}

/** An upheld objection on a claim takes it out of its tranche (API.md). */
function Resolution(props: { publicityId: string; objectionId: string }) {
  const { t } = useI18n();
  const [objectionId, setObjectionId] = useState(props.objectionId);
  const [resolvedOn, setResolvedOn] = useState(today());
  const [upheld, setUpheld] = useState(false);
  const [reason, setReason] = useState('');
  const send = useAction<unknown>();
  const id = objectionId || props.objectionId;
  return (
    <div className="form">
      <Field label={t('reviewer.objectionId')} value={id} onChange={setObjectionId} />
      <Field label={t('field.date')} type="date" value={resolvedOn} onChange={setResolvedOn} />
      <label>
        <input type="checkbox" checked={upheld} onChange={(e) => setUpheld(e.target.checked)} />
        {t('reviewer.upheld')}
      </label>
      <Field label={t('field.reason')} value={reason} onChange={setReason} />
      <button
        type="button"
        disabled={send.busy || !props.publicityId || !id || !reason}
        onClick={() =>
          send.run(() =>
            post(
              `/v1/publicity/${encodeURIComponent(props.publicityId)}/objections/${encodeURIComponent(id)}/resolution`,
              { resolvedOn, upheld, reason },
            ),
          )
        }
      >
        {t('reviewer.resolve')}
      </button>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
    </div>
  );
}
