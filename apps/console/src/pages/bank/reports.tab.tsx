import { useState } from 'react';
import { ApiError, fetchBlob, get, post, qs } from '../../api/client';
import { Chart, fenToYuanAxis } from '../../charts/lazy-chart';
import { ListColumn, ListTable } from '../../components/list-table';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { parseYuan } from '../../format/money';
import { programmeText, useI18n } from '../../i18n/i18n';
import { basisPointsText } from './bank-format';
import {
  appropriationColumns,
  FiscalYearField,
  isFiscalYear,
  Money,
  saveBlob,
  thisYear,
} from './bank-ui';

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
  const [fiscalYear, setFiscalYear] = useState(thisYear());
  const year = isFiscalYear(fiscalYear) ? fiscalYear : '';
  return (
    <>
      <div className="card">
        <FiscalYearField value={fiscalYear} onChange={setFiscalYear} />
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
      <ListTable
        className="execution"
        caption={`${t('bank.execution')} · ${fiscalYear}`}
        rows={programmes}
        rowKey={(p) => p.programme}
        rowProps={(p) => ({ 'data-programme': p.programme })}
        columns={[
          ...appropriationColumns<Execution['programmes'][number]>(t, lang),
          { header: t('bank.paid'), money: true, cell: (p) => <Money fen={p.paidFen} /> },
          {
            header: t('bank.executionRate'),
            money: true,
            className: 'rate',
            cell: (p) => basisPointsText(p.executionRateBasisPoints),
          },
        ]}
      />
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
  const programmeColumn: ListColumn<{ programme: string }> = {
    header: t('field.programme'),
    cell: (p) => programmeText(lang, p.programme),
  };
  const figureColumns = FIGURES.map((f): ListColumn<YearFigures> => ({
    header: t(`bank.py.${f}`),
    money: true,
    cell: (row) => <Money fen={row[f]} />,
  }));
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
          <ListTable
            className="programme-year"
            caption={t('bank.byProgramme')}
            rows={r.programmes}
            rowKey={(p) => p.programme}
            columns={[programmeColumn, ...figureColumns]}
          >
            <tr className="totals-row">
              <th scope="row">{t('bank.total')}</th>
              {FIGURES.map((f) => (
                <td className="money" key={f}>
                  <Money fen={r.totals[f]} />
                </td>
              ))}
            </tr>
          </ListTable>
          <ListTable
            className="programme-year-parties"
            caption={t('bank.byParty')}
            rows={r.parties}
            rowKey={(p) => `${p.partyKind}:${p.partyId}:${p.programme}`}
            columns={[
              { header: t('bank.payee'), cell: (p) => p.name },
              { header: t('field.enterpriseId'), cell: (p) => p.creditCode },
              programmeColumn,
              ...figureColumns,
            ]}
          />
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
      <ListTable
        className="remittances"
        caption={t('bank.remittances')}
        rows={d?.remittances ?? []}
        rowKey={(x) => x.remittanceId}
        columns={[
          { header: t('bank.remittedOn'), cell: (x) => x.remittedOn },
          { header: t('bank.treasuryRef'), cell: (x) => x.treasuryRef },
          { header: t('field.amount'), money: true, cell: (x) => <Money fen={x.amountFen} /> },
        ]}
      />
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
