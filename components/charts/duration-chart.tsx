'use client';

import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DurationRow } from '../../lib/charts/durations';
import { formatDuration } from '../../lib/format';
import { durationSummary } from '../../lib/charts/summaries';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_HEIGHT, COLORS, LEGEND_PROPS, valueAxisProps } from './chart-theme';

const BARS = [
  { key: 'p50', color: COLORS.p50 },
  { key: 'p95', color: COLORS.p95 },
  { key: 'p99', color: COLORS.p99 },
] as const;

const sec = (ms: number | null) => (ms === null ? null : ms / 1000);
const tooltipValue = (v: unknown) => formatDuration(typeof v === 'number' ? v * 1000 : null);

/** p50/p95/p99 per saga type over the latest finished sagas. Plotted in seconds so the axis gets round ticks. */
export const DurationChart = memo(function DurationChart({ rows }: { rows: DurationRow[] }) {
  const data = useMemo(() => rows.map((r) => ({ type: r.type, p50: sec(r.p50), p95: sec(r.p95), p99: sec(r.p99) })), [rows]);
  return (
    <ChartFigure
      name="Duration percentiles"
      subtitle="per saga type"
      summary={durationSummary(rows)}
      emptyText={rows.length === 0 ? 'No finished sagas yet.' : null}
    >
      <BarChart data={data} responsive style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 4, right: 8, bottom: 4, left: 4 }} title="Duration percentiles chart">
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="type" tick={AXIS_TICK} height={34} label={{ value: 'Saga type', position: 'insideBottom', offset: 0, fill: COLORS.axis, fontSize: 12 }} />
        <YAxis {...valueAxisProps('Seconds')} />
        <Tooltip formatter={tooltipValue} isAnimationActive={false} />
        <Legend {...LEGEND_PROPS} />
        {BARS.map((b) => (
          <Bar key={b.key} dataKey={b.key} name={b.key} fill={b.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
});
