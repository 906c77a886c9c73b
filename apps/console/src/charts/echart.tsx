import type { EChartsOption } from 'echarts';
import { BarChart, GraphChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws: the whole of ECharts is ten times this.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GraphChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * Loaded on demand (React.lazy): the first page load carries no chart code.
 *
 * Pages build `option` anew on every render (a keystroke in a field beside
 * the chart is one): the chart is made once per mount and redrawn only when
 * what it shows changes (its JSON; the console's options hold no functions),
 * not disposed, made again and animated again each render.
 */
export default function EChart({ option, label }: { option: EChartsOption; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);
  const shown = JSON.stringify(option);
  useEffect(() => {
    if (el.current)
      echarts.getInstanceByDom(el.current)?.setOption(latest.current, { notMerge: true });
  }, [shown]);
  return <div ref={el} className="chart" role="img" aria-label={label} />;
}
