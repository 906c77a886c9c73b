import type { EChartsOption } from 'echarts';
import { get } from '../api/client';
import { Chart } from '../charts/lazy-chart';
import { ErrorNotice, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { useI18n } from '../i18n/i18n';

interface Trace {
  caseId: string;
  enterpriseId?: string;
  status: string;
  findings: {
    findingId?: string;
    foundOn?: string;
    claimId?: string;
    personIdMasked?: string;
    tranches: {
      trancheId: string;
      approvedFen: number;
      payments: { disbursementId: string; bankRef: string; paidOn: string; amountFen: number }[];
    }[];
  }[];
  clawbackDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
  recoveries: { recoveryId: string; receivedOn: string; amountFen: number; bankRef: string }[];
}

interface Moment {
  date: string;
  text: string;
}

/** finding → claims → tranches → payments → recoveries, as a graph and as a timeline. */
export function TraceView({ caseId, reloadKey }: { caseId: string; reloadKey?: number }) {
  const { t } = useI18n();
  const trace = useLoad<Trace>(`trace:${caseId}:${reloadKey ?? 0}`, () =>
    get(`/v1/cases/${encodeURIComponent(caseId)}/trace`),
  );
  if (trace.error) return <ErrorNotice error={trace.error} />;
  if (!trace.data) return null;
  const tr = trace.data;
  const nodes: { id: string; name: string; category: number; x: number; y: number }[] = [];
  const perColumn = [0, 0, 0, 0, 0];
  const links: { source: string; target: string }[] = [];
  const moments: Moment[] = [];
  const node = (id: string, name: string, category: number) => {
    // Columns left to right: case, claims, tranches, payments, recoveries.
    if (nodes.some((n) => n.id === id)) return;
    nodes.push({ id, name, category, x: category * 220, y: perColumn[category]++ * 70 });
  };
  node(`case:${tr.caseId}`, `${t('field.caseId')} ${tr.caseId.slice(0, 8)}`, 0);
  for (const f of tr.findings) {
    const claim = `claim:${f.claimId ?? f.findingId}`;
    node(claim, f.personIdMasked ?? `…${(f.claimId ?? '').slice(-11)}`, 1);
    links.push({ source: `case:${tr.caseId}`, target: claim });
    if (f.foundOn)
      moments.push({
        date: f.foundOn,
        text: `${t('supervisor.finding')} ${f.personIdMasked ?? f.claimId ?? ''}`,
      });
    for (const tranche of f.tranches) {
      node(
        `tranche:${tranche.trancheId}`,
        `…${tranche.trancheId.slice(-11)} ${formatYuan(tranche.approvedFen)}`,
        2,
      );
      links.push({ source: claim, target: `tranche:${tranche.trancheId}` });
      for (const p of tranche.payments) {
        node(`pay:${p.disbursementId}`, `${p.bankRef} ${formatYuan(p.amountFen)}`, 3);
        links.push({ source: `tranche:${tranche.trancheId}`, target: `pay:${p.disbursementId}` });
        moments.push({
          date: p.paidOn,
          text: `${t('finance.paid')} ${formatYuan(p.amountFen)} (${p.bankRef})`,
        });
      }
    }
  }
  for (const r of tr.recoveries) {
    node(`rec:${r.recoveryId}`, `${r.bankRef} ${formatYuan(r.amountFen)}`, 4);
    links.push({ source: `case:${tr.caseId}`, target: `rec:${r.recoveryId}` });
    moments.push({
      date: r.receivedOn,
      text: `${t('field.recovered')} ${formatYuan(r.amountFen)} (${r.bankRef})`,
    });
  }
  moments.sort((a, b) => a.date.localeCompare(b.date));
  const option: EChartsOption = {
    tooltip: {},
    legend: { data: ['案件', '申报项', '拨付期次', '支付', '追回'] },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        symbolSize: 14,
        label: { show: true, position: 'bottom', width: 200, overflow: 'break' },
        categories: [
          { name: '案件' },
          { name: '申报项' },
          { name: '拨付期次' },
          { name: '支付' },
          { name: '追回' },
        ],
        data: nodes,
        links,
        edgeSymbol: ['none', 'arrow'],
      },
    ],
  };
  return (
    <div className="trace">
      <dl className="totals">
        <dt>{t('field.clawbackDue')}</dt>
        <dd className="money clawback-due">{formatYuan(tr.clawbackDueFen)}</dd>
        <dt>{t('field.recovered')}</dt>
        <dd className="money">{formatYuan(tr.recoveredFen)}</dd>
        <dt>{t('field.outstanding')}</dt>
        <dd className="money">{formatYuan(tr.outstandingFen)}</dd>
      </dl>
      <Chart label={t('supervisor.trace')} option={option} />
      <h3>{t('supervisor.timeline')}</h3>
      <ol className="timeline">
        {moments.map((m, i) => (
          <li key={i}>
            <time dateTime={m.date}>{m.date}</time> {m.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
