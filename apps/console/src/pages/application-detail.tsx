import { useState } from 'react';
import { get, post } from '../api/client';
import { Done, ErrorNotice, Field, today, useAction, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { statusText, useI18n } from '../i18n/i18n';

interface Claim {
  claimId: string;
  name: string;
  personIdMasked?: string;
  status: string;
  months?: string[];
  rule?: string;
  reason?: string;
}
interface Tranche {
  trancheId: string;
  tranche: number;
  status: string;
  amountFen: number;
  decidedOn: string;
  publicity?: { publicityId: string };
  disbursement?: { bankRef: string; paidOn: string };
}
export interface ApplicationView {
  applicationId: string;
  enterpriseId: string;
  submittedOn: string;
  claims: Claim[];
  tranches: Tranche[];
}

/**
 * One application, its claims with status and its tranches. With `review`, each
 * submitted claim gets approve/reject and a reason (reviewers).
 */
export function ApplicationDetail({
  applicationId,
  review,
}: {
  applicationId: string;
  review?: boolean;
}) {
  const { t, lang } = useI18n();
  const [decisions, setDecisions] = useState<Record<string, { approve: boolean; reason: string }>>(
    {},
  );
  const [decidedOn, setDecidedOn] = useState(today());
  const save = useAction<unknown>();
  const view = useLoad<ApplicationView>(`app:${applicationId}:${save.result ? 1 : 0}`, () =>
    get(`/v1/seat-applications/${encodeURIComponent(applicationId)}`),
  );
  if (view.error) return <ErrorNotice error={view.error} />;
  if (!view.data) return <p className="muted">{t('app.loading')}</p>;
  const v = view.data;
  const pending = v.claims.filter((c) => c.status === 'submitted');
  return (
    <div className="detail">
      <h3>
        {t('field.applicationId')} {v.applicationId} · {v.enterpriseId} · {v.submittedOn}
      </h3>
      <table>
        <caption>{t('field.claims')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.claimId')}</th>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.personId')}</th>
            <th scope="col">{t('field.months')}</th>
            <th scope="col">{t('field.status')}</th>
            {review && <th scope="col">{t('reviewer.review')}</th>}
          </tr>
        </thead>
        <tbody>
          {v.claims.map((c) => (
            <tr key={c.claimId} data-claim={c.claimId}>
              <td className="claim-id">{c.claimId}</td>
              <td>{c.name}</td>
              <td className="id">{c.personIdMasked}</td>
              <td>
                {c.months ? `${c.months[0] ?? ''} ~ ${c.months[c.months.length - 1] ?? ''}` : ''}
              </td>
              <td className="status">
                {statusText(lang, c.status)}
                {c.rule && <code className="rule"> {c.rule}</code>}
              </td>
              {review && (
                <td>
                  {c.status === 'submitted' && (
                    <ReviewControls
                      name={c.name}
                      value={decisions[c.claimId]}
                      onChange={(d) => setDecisions({ ...decisions, [c.claimId]: d })}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {v.tranches.length > 0 && (
        <table>
          <caption>{t('field.trancheId')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.trancheId')}</th>
              <th scope="col">{t('field.tranche')}</th>
              <th scope="col">{t('field.amount')}</th>
              <th scope="col">{t('field.decidedOn')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {v.tranches.map((tr) => (
              <tr key={tr.trancheId}>
                <td>{tr.trancheId}</td>
                <td>{tr.tranche}</td>
                <td className="money">{formatYuan(tr.amountFen)}</td>
                <td>{tr.decidedOn}</td>
                <td>
                  {tr.disbursement
                    ? `${t('finance.paid')} ${tr.disbursement.paidOn} ${tr.disbursement.bankRef}`
                    : tr.publicity
                      ? `${t('reviewer.notice')} ${tr.publicity.publicityId}`
                      : statusText(lang, tr.status)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review && pending.length > 0 && (
        <div className="form">
          <Field
            label={t('field.decidedOn')}
            type="date"
            value={decidedOn}
            onChange={setDecidedOn}
          />
          <button
            type="button"
            disabled={save.busy || pending.some((c) => !decisions[c.claimId])}
            onClick={() =>
              save.run(() =>
                post(`/v1/seat-applications/${encodeURIComponent(applicationId)}/review`, {
                  decidedOn,
                  decisions: pending.map((c) => ({
                    claimId: c.claimId,
                    approve: decisions[c.claimId].approve,
                    reason: decisions[c.claimId].reason || undefined,
                  })),
                }),
              )
            }
          >
            {t('reviewer.saveDecisions')}
          </button>
        </div>
      )}
      <ErrorNotice error={save.error} />
      <Done show={!!save.result} />
    </div>
  );
}

function ReviewControls(props: {
  name: string;
  value?: { approve: boolean; reason: string };
  onChange: (d: { approve: boolean; reason: string }) => void;
}) {
  const { t } = useI18n();
  const reason = props.value?.reason ?? '';
  return (
    <span className="review">
      <label>
        <input
          type="radio"
          name={`d-${props.name}`}
          checked={props.value?.approve === true}
          onChange={() => props.onChange({ approve: true, reason })}
        />
        {t('reviewer.approve')}
      </label>
      <label>
        <input
          type="radio"
          name={`d-${props.name}`}
          checked={props.value?.approve === false}
          onChange={() => props.onChange({ approve: false, reason })}
        />
        {t('reviewer.reject')}
      </label>
      <input
        aria-label={`${t('field.reason')} ${props.name}`}
        value={reason}
        placeholder={t('field.reason')}
        onChange={(e) =>
          props.onChange({ approve: props.value?.approve ?? true, reason: e.target.value })
        }
      />
    </span>
  );
}
