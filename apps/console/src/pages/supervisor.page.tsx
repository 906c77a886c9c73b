import { useState } from 'react';
import { post } from '../api/client';
import { col, Row } from '../components/columns';
import { CursorTable } from '../components/cursor-table';
import { Done, ErrorNotice, Field, Section, today, useAction } from '../components/ui';
import { formatYuan } from '../format/money';
import { useI18n } from '../i18n/i18n';
import { TraceView } from './trace-view';

interface Finding {
  clawbacks: { claimId?: string; trancheId: string; amountFen: number }[];
  clawbackDueFen: number;
  cancelledFen: number;
}

export function SupervisorPage() {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState('');
  const [changed, setChanged] = useState(0);
  const bump = () => setChanged((n) => n + 1);
  return (
    <>
      <Section title={t('supervisor.cases')}>
        <CursorTable<Row>
          caption={t('supervisor.cases')}
          path="/v1/cases?status=open"
          reloadKey={changed}
          columns={[
            col('caseId', t('field.caseId')),
            col('partyName', t('field.enterpriseName')),
            col('openedOn', t('field.openedOn')),
            col('status', t('field.status')),
            col('clawbackDueFen', t('field.clawbackDue')),
            col('recoveredFen', t('field.recovered')),
          ]}
          onPick={(r) => setCaseId(String(r.caseId))}
        />
      </Section>
      <OpenCase onOpened={(id) => (setCaseId(id), bump())} />
      <FindingForm caseId={caseId} setCaseId={setCaseId} onDone={bump} />
      <CloseCase caseId={caseId} onDone={bump} />
      {caseId && (
        <Section title={t('supervisor.trace')}>
          <TraceView key={caseId} caseId={caseId} reloadKey={changed} />
        </Section>
      )}
      <Section title={t('supervisor.leads')}>
        <CursorTable<Row>
          caption={t('supervisor.leads')}
          path="/v1/duplicate-claims"
          columns={[
            col('personIdMasked', t('field.personId')),
            col('enterpriseId', t('field.enterpriseId')),
            col('claimId', t('field.claimId')),
            col('months', t('field.months')),
            col('filedOn', t('field.date')),
          ]}
        />
      </Section>
    </>
  );
}

function OpenCase({ onOpened }: { onOpened: (caseId: string) => void }) {
  const { t } = useI18n();
  const [enterpriseId, setEnterpriseId] = useState('');
  const [openedOn, setOpenedOn] = useState(today());
  const [reason, setReason] = useState('');
  const [suspend, setSuspend] = useState(true);
  const send = useAction<{ caseId: string }>();
  return (
    <Section title={t('supervisor.open')}>
      <div className="form">
        <Field label={t('field.enterpriseId')} value={enterpriseId} onChange={setEnterpriseId} />
        <Field label={t('field.openedOn')} type="date" value={openedOn} onChange={setOpenedOn} />
        <Field label={t('field.reason')} value={reason} onChange={setReason} />
        <label>
          <input type="checkbox" checked={suspend} onChange={(e) => setSuspend(e.target.checked)} />
          {t('field.suspend')}
        </label>
        <button
          type="button"
          disabled={send.busy || !enterpriseId || !reason}
          onClick={async () => {
            const r = await send.run(() =>
              post<{ caseId: string }>('/v1/cases', {
                enterpriseId: enterpriseId.trim(),
                openedOn,
                reason,
                suspend,
              }),
            );
            if (r) onOpened(r.caseId);
          }}
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result}>
        <code className="case-id">{send.result?.caseId}</code>
      </Done>
    </Section>
  );
}

function FindingForm(props: {
  caseId: string;
  setCaseId: (v: string) => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [foundOn, setFoundOn] = useState(today());
  const [claims, setClaims] = useState('');
  const [note, setNote] = useState('');
  const send = useAction<Finding>();
  return (
    <Section title={t('supervisor.finding')}>
      <div className="form">
        <Field label={t('field.caseId')} value={props.caseId} onChange={props.setCaseId} />
        <Field label={t('field.foundOn')} type="date" value={foundOn} onChange={setFoundOn} />
        <Field label={t('field.falseClaimIds')} value={claims} onChange={setClaims} />
        <Field label={t('field.note')} value={note} onChange={setNote} />
        <button
          type="button"
          disabled={send.busy || !props.caseId || !claims}
          onClick={async () => {
            const r = await send.run(() =>
              post<Finding>(`/v1/cases/${encodeURIComponent(props.caseId.trim())}/findings`, {
                foundOn,
                falseClaimIds: claims.split(/[,，\s]+/).filter(Boolean),
                note,
              }),
            );
            if (r) props.onDone();
          }}
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      {send.result && (
        <p role="status" className="ok">
          {t('field.clawbackDue')}{' '}
          <span className="money">{formatYuan(send.result.clawbackDueFen)}</span>
        </p>
      )}
    </Section>
  );
}

function CloseCase({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [closedOn, setClosedOn] = useState(today());
  const [outcome, setOutcome] = useState<'upheld' | 'dismissed'>('upheld');
  const [note, setNote] = useState('');
  const send = useAction<unknown>();
  return (
    <Section title={t('supervisor.close')}>
      <div className="form">
        <Field label={t('field.closedOn')} type="date" value={closedOn} onChange={setClosedOn} />
        <label>
          {t('field.outcome')}{' '}
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as 'upheld' | 'dismissed')}
          >
            <option value="upheld">{t('outcome.upheld')}</option>
            <option value="dismissed">{t('outcome.dismissed')}</option>
          </select>
        </label>
        <Field label={t('field.note')} value={note} onChange={setNote} />
        <button
          type="button"
          disabled={send.busy || !caseId}
          onClick={async () => {
            const r = await send.run(() =>
              post(`/v1/cases/${encodeURIComponent(caseId)}/closure`, { closedOn, outcome, note }),
            );
            if (r) onDone();
          }}
        >
          {t('supervisor.close')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
    </Section>
  );
}
