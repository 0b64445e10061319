'use client';

import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAge } from '../../lib/format';
import { throughputSummary } from '../../lib/charts/summaries';
import { timeTicks } from '../../lib/charts/time-window';
import type { ThroughputPoint } from '../../lib/wire/rest';
import { ChartFigure } from './chart-figure';
import { CHART_HEIGHT, COLORS, LEGEND_PROPS, TIME_TICK_MS, timeAxisProps, tooltipClock, valueAxisProps } from './chart-theme';

const LINES = [
  { key: 'started', name: 'Started', color: COLORS.started },
  { key: 'completed', name: 'Completed', color: COLORS.completed },
  { key: 'failed', name: 'Failed or compensated', color: COLORS.failed },
] as const;

/** Started, completed and failed sagas per bucket over the last hour. Memoized: renders only when the series changes. */
export const ThroughputChart = memo(function ThroughputChart({ series, bucketMs }: { series: ThroughputPoint[]; bucketMs: number }) {
  const ticks = useMemo(() => (series.length > 0 ? timeTicks(series[0].t, series.at(-1)!.t, TIME_TICK_MS) : []), [series]);
  const empty = series.every((p) => p.started === 0 && p.completed === 0 && p.failed === 0);
  const per = formatAge(bucketMs);
  return (
    <ChartFigure
      name="Throughput"
      subtitle={`per ${per}, last hour`}
      summary={throughputSummary(series, bucketMs, tooltipClock)}
      emptyText={empty ? 'No saga started or finished in the last hour.' : null}
    >
      <LineChart data={series} responsive style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 4, right: 12, bottom: 4, left: 4 }} title="Throughput chart">
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis {...timeAxisProps(ticks)} />
        <YAxis allowDecimals={false} {...valueAxisProps(`Sagas per ${per}`)} />
        <Tooltip labelFormatter={(t) => tooltipClock(Number(t))} isAnimationActive={false} />
        <Legend {...LEGEND_PROPS} iconType="plainline" />
        {LINES.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFigure>
  );
});
