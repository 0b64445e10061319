'use client';

import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAge } from '../../lib/format';
import type { StuckPoint } from '../../lib/charts/stuck-series';
import { stuckSummary } from '../../lib/charts/summaries';
import { timeTicks } from '../../lib/charts/time-window';
import { ChartFigure } from './chart-figure';
import { CHART_HEIGHT, COLORS, LEGEND_PROPS, TIME_TICK_MS, timeAxisProps, tooltipClock, valueAxisProps } from './chart-theme';

/**
 * Peak number of stuck sagas per bucket. Empty before the monitor's first sample; a bucket the server skipped (its
 * event loop stalled) is bridged rather than drawn as zero.
 */
export const StuckChart = memo(function StuckChart({ series, bucketMs }: { series: StuckPoint[]; bucketMs: number }) {
  const ticks = useMemo(() => (series.length > 0 ? timeTicks(series[0].t, series.at(-1)!.t, TIME_TICK_MS) : []), [series]);
  const empty = series.every((p) => p.count === null);
  return (
    <ChartFigure
      name="Stuck over time"
      subtitle={`peak per ${formatAge(bucketMs)}, last hour`}
      summary={stuckSummary(series)}
      emptyText={empty ? 'No samples yet.' : null}
    >
      <AreaChart data={series} responsive style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 4, right: 12, bottom: 4, left: 4 }} title="Stuck over time chart">
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis {...timeAxisProps(ticks)} />
        <YAxis allowDecimals={false} {...valueAxisProps('Stuck sagas')} />
        <Tooltip labelFormatter={(t) => tooltipClock(Number(t))} isAnimationActive={false} />
        <Legend {...LEGEND_PROPS} iconType="square" />
        <Area type="stepAfter" dataKey="count" name="Stuck sagas" connectNulls stroke={COLORS.stuck} fill={COLORS.stuck} fillOpacity={0.15} isAnimationActive={false} />
      </AreaChart>
    </ChartFigure>
  );
});
