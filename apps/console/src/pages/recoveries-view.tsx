import { useState } from 'react';
import { get, qs } from '../api/client';
import { col } from '../components/columns';
import { WorkListSection } from '../components/work-list-section';
import { ErrorNotice, Field, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { useI18n } from '../i18n/i18n';

interface CaseRecoveries {
  caseId: string;
  clawbackDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
  recoveries: { recoveryId: string; receivedOn: string; amountFen: number; bankRef: string }[];
}

interface Remittances {
  fiscalYear: number;
  recoveredFen: number;
  remittedFen: number;
  notRemittedFen: number;
}

/**
 * Finance's recoveries: what each case got back (from the cases list and the
 * case's trace, both read models), and what of the year's recoveries is not
 * yet remitted to the treasury (`GET /v1/remittances`).
 */
export function Recoveries() {
  const { t } = useI18n();
  const [picked, setPicked] = useState('');
  return (
    <WorkListSection
      title={t('finance.recoveries')}
      path="/v1/cases"
      filters={<NotRemitted />}
      columns={[
        col('caseId', t('field.caseId')),
        col('partyName', t('field.enterpriseName')),
        col('status', t('field.status')),
        col('clawbackDueFen', t('field.clawbackDue')),
        col('recoveredFen', t('field.recovered')),
      ]}
      onPick={(r) => setPicked(String(r.caseId))}
    >
      {picked && <CaseRecoveryList key={picked} caseId={picked} />}
    </WorkListSection>
  );
}

function NotRemitted() {
  const { t } = useI18n();
  const [fiscalYear, setFiscalYear] = useState(String(new Date().getFullYear()));
  const valid = /^\d{4}$/.test(fiscalYear);
  const path = `/v1/remittances${qs({ fiscalYear })}`;
  const year = useLoad<Remittances>(path, valid ? () => get(path) : undefined);
  return (
    <div className="form">
      <Field label={t('field.fiscalYear')} value={fiscalYear} onChange={setFiscalYear} />
      <ErrorNotice error={year.error} />
      {year.data && (
        <dl className="facts remittance">
          <dt>{t('field.recovered')}</dt>
          <dd className="money">{formatYuan(year.data.recoveredFen)}</dd>
          <dt>{t('finance.remitted')}</dt>
          <dd className="money">{formatYuan(year.data.remittedFen)}</dd>
          <dt>{t('finance.notRemitted')}</dt>
          <dd className="money not-remitted">{formatYuan(year.data.notRemittedFen)}</dd>
        </dl>
      )}
    </div>
  );
}

function CaseRecoveryList({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const path = `/v1/cases/${encodeURIComponent(caseId)}/trace`;
  const trace = useLoad<CaseRecoveries>(path, () => get(path));
  const c = trace.data;
  return (
    <div className="detail">
      <ErrorNotice error={trace.error} />
      {c && (
        <table>
          <caption>
            {t('finance.caseRecoveries')} <code>{c.caseId}</code> · {t('field.outstanding')}{' '}
            <span className="money">{formatYuan(c.outstandingFen)}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('field.receivedOn')}</th>
              <th scope="col" className="money">
                {t('field.amount')}
              </th>
              <th scope="col">{t('field.bankRef')}</th>
            </tr>
          </thead>
          <tbody>
            {c.recoveries.map((r) => (
              <tr key={r.recoveryId}>
                <td>{r.receivedOn}</td>
                <td className="money">{formatYuan(r.amountFen)}</td>
                <td>{r.bankRef}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c && c.recoveries.length === 0 && <p className="muted">{t('app.none')}</p>}
    </div>
  );
}
