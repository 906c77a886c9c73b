import { useState } from 'react';
import { ApiError, fetchBlob, get, post, qs } from '../../api/client';
import { Chart, fenToYuanAxis } from '../../charts/lazy-chart';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { parseYuan } from '../../format/money';
import { programmeText, useI18n } from '../../i18n/i18n';
import { basisPointsText } from './bank-format';
import { Money, saveBlob, thisYear } from './bank-ui';

interface Execution {
  fiscalYear: number;
  programmes: {
    programme: string;
    appropriatedFen: number;
    committedFen: number;
    paidFen: number;
    executionRateBasisPoints: number | null;
    months: { month: string; committedFen: number; paidFen: number }[];
  }[];
}

/** The programme-year report's figures (API.md; its route is built beside these pages). */
interface YearFigures {
  approvedFen: number;
  paidFen: number;
  returnedFen: number;
  dueBackFen: number;
  recoveredFen: number;
  remittedFen: number;
}
interface ProgrammeYear {
  fiscalYear: number;
  programmes: ({ programme: string } & YearFigures)[];
  parties: ({
    partyKind: string;
    partyId: string;
    name: string;
    creditCode: string;
    programme: string;
  } & YearFigures)[];
  totals: YearFigures;
}
const FIGURES: (keyof YearFigures)[] = [
  'approvedFen',
  'paidFen',
  'returnedFen',
  'dueBackFen',
  'recoveredFen',
  'remittedFen',
];

interface Remittances {
  fiscalYear: number;
  recoveredFen: number;
  remittedFen: number;
  notRemittedFen: number;
  remittances: {
    remittanceId: string;
    remittedOn: string;
    amountFen: number;
    treasuryRef: string;
  }[];
}

/** 报表: budget execution, the programme-year report, remittances to the treasury (缴库). */
export default function ReportsTab() {
  const { t } = useI18n();
  const [fiscalYear, setFiscalYear] = useState(thisYear());
  const year = /^\d{4}$/.test(fiscalYear) ? fiscalYear : '';
  return (
    <>
      <div className="card">
        <Field
          label={t('bank.fiscalYear')}
          type="number"
          min="2000"
          max="2100"
          value={fiscalYear}
          onChange={setFiscalYear}
        />
      </div>
      {year && <BudgetExecution fiscalYear={year} />}
      {year && <ProgrammeYearReport fiscalYear={year} />}
      {year && <RemittancesSection fiscalYear={year} />}
    </>
  );
}

function BudgetExecution({ fiscalYear }: { fiscalYear: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/reports/budget-execution${qs({ fiscalYear })}`;
  const report = useLoad<Execution>(path, () => get(path));
  const programmes = report.data?.programmes ?? [];
  const months = [...new Set(programmes.flatMap((p) => p.months.map((m) => m.month)))].sort();
  return (
    <Section title={t('bank.execution')}>
      <ErrorNotice error={report.error} />
      <table className="execution">
        <caption>
          {t('bank.execution')} · {fiscalYear}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('field.programme')}</th>
            <th scope="col" className="money">
              {t('bank.appropriated')}
            </th>
            <th scope="col" className="money">
              {t('bank.committed')}
            </th>
            <th scope="col" className="money">
              {t('bank.paid')}
            </th>
            <th scope="col" className="money">
              {t('bank.executionRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {programmes.map((p) => (
            <tr key={p.programme} data-programme={p.programme}>
              <td>{programmeText(lang, p.programme)}</td>
              <td className="money">
                <Money fen={p.appropriatedFen} />
              </td>
              <td className="money">
                <Money fen={p.committedFen} />
              </td>
              <td className="money">
                <Money fen={p.paidFen} />
              </td>
              <td className="money rate">{basisPointsText(p.executionRateBasisPoints)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!report.loading && programmes.length === 0 && <p className="muted">{t('app.none')}</p>}
      {months.length > 0 && (
        <table className="execution-months">
          <caption>{t('bank.paidByMonth')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bank.month')}</th>
              {programmes.map((p) => (
                <th scope="col" className="money" key={p.programme}>
                  {programmeText(lang, p.programme)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m}>
                <td>{m}</td>
                {programmes.map((p) => (
                  <td className="money" key={p.programme}>
                    <Money fen={p.months.find((x) => x.month === m)?.paidFen ?? 0} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {programmes.length > 0 && (
        <Chart
          label={t('chart.execution')}
          option={{
            tooltip: { trigger: 'axis' },
            legend: {},
            xAxis: {
              type: 'category',
              data: programmes.map((p) => programmeText(lang, p.programme)),
            },
            yAxis: [
              { type: 'value', name: '¥' },
              { type: 'value', name: '%', min: 0, max: 100 },
            ],
            series: [
              {
                name: t('bank.appropriated'),
                type: 'bar',
                data: programmes.map((p) => fenToYuanAxis(p.appropriatedFen)),
              },
              {
                name: t('bank.paid'),
                type: 'bar',
                data: programmes.map((p) => fenToYuanAxis(p.paidFen)),
              },
              {
                name: t('bank.executionRate'),
                type: 'line',
                yAxisIndex: 1,
                data: programmes.map((p) =>
                  p.executionRateBasisPoints === null ? null : p.executionRateBasisPoints / 100,
                ),
              },
            ],
          }}
        />
      )}
    </Section>
  );
}

function ProgrammeYearReport({ fiscalYear }: { fiscalYear: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/reports/programme-year${qs({ fiscalYear, format: 'json' })}`;
  const report = useLoad<ProgrammeYear>(path, () => get(path));
  const download = useAction<unknown>();
  const missing = report.error instanceof ApiError && report.error.status === 404;
  const r = report.data;
  const header = (
    <>
      {FIGURES.map((f) => (
        <th scope="col" className="money" key={f}>
          {t(`bank.py.${f}`)}
        </th>
      ))}
    </>
  );
  const figures = (row: YearFigures) =>
    FIGURES.map((f) => (
      <td className="money" key={f}>
        <Money fen={row[f]} />
      </td>
    ));
  return (
    <Section title={t('bank.programmeYear')}>
      {missing ? (
        <p className="muted not-available">{t('bank.notAvailable')}</p>
      ) : (
        <ErrorNotice error={report.error} />
      )}
      {r && (
        <>
          <div className="form">
            <button
              type="button"
              disabled={download.busy}
              onClick={() =>
                download.run(async () => {
                  const blob = await fetchBlob(
                    'GET',
                    `/v1/reports/programme-year${qs({ fiscalYear, format: 'xlsx' })}`,
                  );
                  saveBlob(blob, `programme-year-${fiscalYear}.xlsx`);
                  return true;
                })
              }
            >
              {t('bank.downloadXlsx')}
            </button>
          </div>
          <ErrorNotice error={download.error} />
          <table className="programme-year">
            <caption>{t('bank.byProgramme')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.programme')}</th>
                {header}
              </tr>
            </thead>
            <tbody>
              {r.programmes.map((p) => (
                <tr key={p.programme}>
                  <td>{programmeText(lang, p.programme)}</td>
                  {figures(p)}
                </tr>
              ))}
              <tr className="totals-row">
                <th scope="row">{t('bank.total')}</th>
                {figures(r.totals)}
              </tr>
            </tbody>
          </table>
          <table className="programme-year-parties">
            <caption>{t('bank.byParty')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bank.payee')}</th>
                <th scope="col">{t('field.enterpriseId')}</th>
                <th scope="col">{t('field.programme')}</th>
                {header}
              </tr>
            </thead>
            <tbody>
              {r.parties.map((p) => (
                <tr key={`${p.partyKind}:${p.partyId}:${p.programme}`}>
                  <td>{p.name}</td>
                  <td>{p.creditCode}</td>
                  <td>{programmeText(lang, p.programme)}</td>
                  {figures(p)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

function RemittancesSection({ fiscalYear }: { fiscalYear: string }) {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const path = `/v1/remittances${qs({ fiscalYear })}`;
  const list = useLoad<Remittances>(`${path}#${tick}`, () => get(path));
  const [remittedOn, setRemittedOn] = useState(today());
  const [amount, setAmount] = useState('');
  const [treasuryRef, setTreasuryRef] = useState('');
  const send = useAction<unknown>();
  const amountFen = parseYuan(amount);
  const d = list.data;
  return (
    <Section title={t('bank.remittances')}>
      <ErrorNotice error={list.error} />
      {d && (
        <dl className="totals">
          <dt>{t('bank.recovered')}</dt>
          <dd className="money">
            <Money fen={d.recoveredFen} />
          </dd>
          <dt>{t('bank.remitted')}</dt>
          <dd className="money">
            <Money fen={d.remittedFen} />
          </dd>
          <dt>{t('bank.notRemitted')}</dt>
          <dd className="money not-remitted">
            <Money fen={d.notRemittedFen} />
          </dd>
        </dl>
      )}
      <table className="remittances">
        <caption>{t('bank.remittances')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bank.remittedOn')}</th>
            <th scope="col">{t('bank.treasuryRef')}</th>
            <th scope="col" className="money">
              {t('field.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(d?.remittances ?? []).map((x) => (
            <tr key={x.remittanceId}>
              <td>{x.remittedOn}</td>
              <td>{x.treasuryRef}</td>
              <td className="money">
                <Money fen={x.amountFen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d && d.remittances.length === 0 && <p className="muted">{t('app.none')}</p>}
      <div className="form">
        <Field
          label={t('bank.remittedOn')}
          type="date"
          value={remittedOn}
          onChange={setRemittedOn}
        />
        <Field label={t('bank.amountYuan')} value={amount} onChange={setAmount} />
        <Field label={t('bank.treasuryRef')} value={treasuryRef} onChange={setTreasuryRef} />
        <button
          type="button"
          disabled={send.busy || amountFen === undefined || amountFen <= 0 || !treasuryRef.trim()}
          onClick={async () => {
            const done = await send.run(() =>
              post('/v1/remittances', {
                fiscalYear: Number(fiscalYear),
                remittedOn,
                amountFen,
                treasuryRef: treasuryRef.trim(),
              }),
            );
            if (done) setTick((n) => n + 1);
          }}
        >
          {t('bank.recordRemittance')}
        </button>
      </div>
      <ErrorNotice error={send.error} />
      <Done show={!!send.result} />
    </Section>
  );
}
