import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';

const EChart = lazy(() => import('./echart'));

export function Chart({ option, label }: { option: EChartsOption; label: string }) {
  const { t } = useI18n();
  return (
    <figure className="figure">
      <figcaption>{label}</figcaption>
      <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
        <EChart option={option} label={label} />
      </Suspense>
    </figure>
  );
}

/** Yuan on an axis from integer fen (a chart's scale, not an amount anyone reconciles). */
export const fenToYuanAxis = (fen: number): number => Math.round(fen / 100);
