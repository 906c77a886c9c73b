import { useState } from 'react';
import { get, post, qs } from '../api/client';
import { Chart, fenToYuanAxis } from '../charts/lazy-chart';
import { col } from '../components/columns';
import { WorkListSection } from '../components/work-list-section';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../components/ui';
import { formatYuan, parseYuan } from '../format/money';
import { useI18n } from '../i18n/i18n';
import { Recoveries } from './recoveries-view';

interface Approved {
  trancheId: string;
  amountFen: number;
  refused: { claimId: string; rule: string; reason: string }[];
}

export function FinancePage() {
  const { t } = useI18n();
  const [trancheId, setTrancheId] = useState('');
  const [amount, setAmount] = useState('');
  // A payment or a return moves a tranche between the two lists: both reload.
  const [tick, setTick] = useState(0);
  const moved = () => setTick((n) => n + 1);
  return (
    <>
      <WorkListSection
        title={t('finance.payable')}
        path="/v1/tranches?status=payable"
        reloadKey={tick}
        columns={[
          col('trancheId', t('field.trancheId')),
          col('payee.name', t('field.enterpriseName')),
          col('programme', t('field.programme')),
          col('tranche', t('field.tranche')),
          col('amountFen', t('field.amount')),
          col('publicity.endsOn', t('field.endsOn')),
        ]}
        onPick={(r) => {
          setTrancheId(String(r.trancheId));
          if (typeof r.amountFen === 'number') setAmount(formatYuan(r.amountFen));
        }}
      >
        <Pay
          trancheId={trancheId}
          setTrancheId={setTrancheId}
          amount={amount}
          setAmount={setAmount}
          onPaid={moved}
        />
      </WorkListSection>
      <PaidTranches reloadKey={tick} onReturned={moved} />
      <ApproveTranche />
      <Ageing />
      <Recovery />
      <Recoveries />
    </>
  );
}

function ApproveTranche() {
  const { t } = useI18n();
  const [applicationId, setApplicationId] = useState('');
  const [tranche, setTranche] = useState('1');
  const [decidedOn, setDecidedOn] = useState(today());
  const send = useAction<Approved>();
  return (
    <Section title={t('finance.approveTranche')}>
      <div className="form">
        <Field label={t('field.applicationId')} value={applicationId} onChange={setApplicationId} />
        <Field
          label={t('field.tranche')}
          type="number"
          min="1"
          max="4"
          value={tranche}
          onChange={setTranche}
        />
        <Field label={t('field.decidedOn')} type="date" value={decidedOn} onChange={setDecidedOn} />
        <button
          type="button"
          disabled={send.busy || !applicationId}
          onClick={() =>
            send.run(() =>
              post<Approved>(
                `/v1/seat-applications/${encodeURIComponent(applicationId.trim())}/tranches`,
                {
                  tranche: Number(tranche),
                  decidedOn,
                },
              ),
            )
          }
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      {send.result && (
        <p role="status" className="ok">
          {t('field.trancheId')} <code className="tranche-id">{send.result.trancheId}</code> ·{' '}
          <span className="money">{formatYuan(send.result.amountFen)}</span>
        </p>
      )}
    </Section>
  );
}

function Pay(props: {
  trancheId: string;
  setTrancheId: (v: string) => void;
  amount: string;
  setAmount: (v: string) => void;
  onPaid: () => void;
}) {
  const { t } = useI18n();
  const [paidOn, setPaidOn] = useState(today());
  const [bankRef, setBankRef] = useState('');
  const send = useAction<{ disbursementId: string }>();
  const amountFen = parseYuan(props.amount);
  return (
    <div className="form">
      <Field label={t('field.trancheId')} value={props.trancheId} onChange={props.setTrancheId} />
      <Field label={`${t('field.amount')} (¥)`} value={props.amount} onChange={props.setAmount} />
      <Field label={t('field.paidOn')} type="date" value={paidOn} onChange={setPaidOn} />
      <Field label={t('field.bankRef')} value={bankRef} onChange={setBankRef} />
      <button
        type="button"
        disabled={send.busy || !props.trancheId || !bankRef || amountFen === undefined}
        onClick={async () => {
          const done = await send.run(() =>
            post<{ disbursementId: string }>(
              `/v1/tranches/${encodeURIComponent(props.trancheId.trim())}/disbursements`,
              { paidOn, amountFen, bankRef },
            ),
          );
          if (done) props.onPaid();
        }}
      >
        {t('finance.pay')}
      </button>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result}>
        {t('finance.paid')} {send.result?.disbursementId}
      </Done>
    </div>
  );
}

/**
 * 退票 by hand (issue #14): the bank sent a payment back. Picking a paid
 * tranche names its payment; once recorded the tranche is payable again and
 * leaves this list for 待支付.
 */
function PaidTranches(props: { reloadKey: number; onReturned: () => void }) {
  const { t } = useI18n();
  const [disbursementId, setDisbursementId] = useState('');
  const [returnedOn, setReturnedOn] = useState(today());
  const [bankRef, setBankRef] = useState('');
  const [reason, setReason] = useState('');
  const send = useAction<unknown>();
  return (
    <WorkListSection
      title={t('bank.paidTranches')}
      path="/v1/tranches?status=paid"
      reloadKey={props.reloadKey}
      columns={[
        col('trancheId', t('field.trancheId')),
        col('payee.name', t('field.enterpriseName')),
        col('amountFen', t('field.amount')),
        col('paidOn', t('field.paidOn')),
        col('bankRef', t('field.bankRef')),
        col('disbursementId', t('bank.disbursementId')),
      ]}
      onPick={(r) => setDisbursementId(String(r.disbursementId ?? ''))}
    >
      <h3>{t('bank.recordReturn')}</h3>
      <p className="muted">{t('bank.returnHint')}</p>
      <div className="form">
        <Field
          label={t('bank.disbursementId')}
          value={disbursementId}
          onChange={setDisbursementId}
        />
        <Field
          label={t('bank.returnedOn')}
          type="date"
          value={returnedOn}
          onChange={setReturnedOn}
        />
        <Field label={t('bank.returnBankRef')} value={bankRef} onChange={setBankRef} />
        <Field label={t('bank.returnReason')} value={reason} onChange={setReason} />
        <button
          type="button"
          disabled={send.busy || !disbursementId.trim() || !bankRef.trim() || !reason.trim()}
          onClick={async () => {
            const done = await send.run(() =>
              post(`/v1/disbursements/${encodeURIComponent(disbursementId.trim())}/return`, {
                returnedOn,
                bankRef: bankRef.trim(),
                reason: reason.trim(),
              }),
            );
            if (done) props.onReturned();
          }}
        >
          {t('bank.recordReturn')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result}>{t('bank.returnRecorded')}</Done>
    </WorkListSection>
  );
}

interface AgeingRow {
  enterpriseId: string;
  outstandingFen: number;
  days0to30Fen: number;
  days31to90Fen: number;
  days91to365Fen: number;
  over365DaysFen: number;
}
const BUCKETS: [keyof AgeingRow, string][] = [
  ['days0to30Fen', 'field.days0to30'],
  ['days31to90Fen', 'field.days31to90'],
  ['days91to365Fen', 'field.days91to365'],
  ['over365DaysFen', 'field.over365'],
];

export function Ageing() {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState(today());
  const path = `/v1/clawbacks/ageing${qs({ asOf })}`;
  const list = useLoad<{ enterprises: AgeingRow[] }>(path, () => get(path));
  const items = list.data?.enterprises ?? [];
  return (
    <Section title={t('finance.ageing')}>
      <Field label={t('field.asOf')} type="date" value={asOf} onChange={setAsOf} />
      <ErrorNotice error={list.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.enterpriseId')}</th>
            <th scope="col" className="money">
              {t('field.outstanding')}
            </th>
            {BUCKETS.map(([, k]) => (
              <th scope="col" className="money" key={k}>
                {t(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.enterpriseId}>
              <td>{r.enterpriseId}</td>
              <td className="money">{formatYuan(r.outstandingFen)}</td>
              {BUCKETS.map(([f]) => (
                <td key={f} className="money">
                  {formatYuan(r[f] as number)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > 0 && (
        <Chart
          label={t('chart.ageing')}
          option={{
            tooltip: {},
            xAxis: { type: 'category', data: BUCKETS.map(([, k]) => t(k)) },
            yAxis: { type: 'value', name: '¥' },
            series: [
              {
                type: 'bar',
                data: BUCKETS.map(([f]) =>
                  fenToYuanAxis(items.reduce((s, r) => s + (r[f] as number), 0)),
                ),
              },
            ],
          }}
        />
      )}
    </Section>
  );
}

function Recovery() {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [amount, setAmount] = useState('');
  const [bankRef, setBankRef] = useState('');
  const send = useAction<unknown>();
  const amountFen = parseYuan(amount);
  return (
    <Section title={t('finance.recovery')}>
      <div className="form">
        <Field label={t('field.caseId')} value={caseId} onChange={setCaseId} />
        <Field
          label={t('field.receivedOn')}
          type="date"
          value={receivedOn}
          onChange={setReceivedOn}
        />
        <Field label={`${t('field.amount')} (¥)`} value={amount} onChange={setAmount} />
        <Field label={t('field.bankRef')} value={bankRef} onChange={setBankRef} />
        <button
          type="button"
          disabled={send.busy || !caseId || amountFen === undefined || !bankRef}
          onClick={() =>
            send.run(() =>
              post(`/v1/cases/${encodeURIComponent(caseId.trim())}/recoveries`, {
                receivedOn,
                amountFen,
                bankRef,
              }),
            )
          }
        >
          {t('app.submit')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
    </Section>
  );
}
