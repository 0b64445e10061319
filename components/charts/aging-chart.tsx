'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchJson } from '../../lib/api/fetch-json';
import { queryKeys } from '../../lib/query-keys';
import { AgingResponse } from '../../lib/wire/rest';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_HEIGHT, COLORS, LEGEND_PROPS } from './chart-theme';
import styles from './charts.module.css';

/** The wait is recomputed on the server from the clock, so it is asked for again this often. */
const REFRESH_MS = 5_000;
/** Places shown; the rest are summed into the last row. */
const MAX_ROWS = 8;
const ROW_HEIGHT = 26;
/** Short waits light, long ones dark red: the eye goes to what has waited longest. */
const BUCKET_COLORS = ['#c8d6f5', '#8fb0ee', '#f3c27a', '#e8893a', '#c9472b', '#7a1d12'];

type Row = AgingResponse['rows'][number];

function placeOf(r: Row): string {
  return `${r.sagaType} · ${r.step ?? 'not started'}${r.compensating ? ' (compensating)' : ''}`;
}

export function agingSummary(a: AgingResponse): string {
  if (a.rows.length === 0) return 'No saga is in flight.';
  const top = a.rows.slice(0, 3).map((r) => {
    const longest = r.counts.findLastIndex((c) => c > 0);
    return `${r.total} at ${placeOf(r)}, the longest waiting ${a.buckets[longest]}${r.stuck > 0 ? `, ${r.stuck} stuck` : ''}`;
  });
  return `In-flight sagas by where they wait: ${top.join('; ')}.`;
}

const AgingBars = memo(function AgingBars({ aging }: { aging: AgingResponse }) {
  const data = useMemo(() => {
    const shown = aging.rows.slice(0, MAX_ROWS).map((r) => ({ place: placeOf(r), counts: r.counts }));
    const rest = aging.rows.slice(MAX_ROWS);
    if (rest.length > 0) shown.push({ place: `${rest.length} more places`, counts: aging.buckets.map((_, i) => rest.reduce((n, r) => n + (r.counts[i] ?? 0), 0)) });
    return shown.map((r) => ({ place: r.place, ...Object.fromEntries(aging.buckets.map((b, i) => [b, r.counts[i] ?? 0])) }));
  }, [aging]);
  const height = Math.max(CHART_HEIGHT, data.length * ROW_HEIGHT + 70);
  return (
    <BarChart data={data} layout="vertical" responsive style={{ width: '100%', height }} margin={{ top: 4, right: 12, bottom: 4, left: 4 }} title="Waiting at each step chart">
      <CartesianGrid stroke={COLORS.grid} horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} label={{ value: 'In-flight sagas', position: 'insideBottom', offset: 0, fill: COLORS.axis, fontSize: 12 }} height={34} />
      <YAxis type="category" dataKey="place" tick={AXIS_TICK} width={260} />
      <Tooltip isAnimationActive={false} />
      <Legend {...LEGEND_PROPS} />
      {aging.buckets.map((b, i) => (
        <Bar key={b} dataKey={b} name={`waiting ${b}`} stackId="wait" fill={BUCKET_COLORS[i] ?? COLORS.stuck} isAnimationActive={false} />
      ))}
    </BarChart>
  );
});

/** How many in-flight sagas wait at each step, and for how long since their last event. */
export function AgingChart() {
  const { data, error } = useQuery({
    queryKey: queryKeys.aging(),
    queryFn: ({ signal }) => fetchJson('/api/aging', AgingResponse, signal),
    refetchInterval: REFRESH_MS,
  });
  const empty = !data ? (error ? `Unavailable: ${error.message}` : 'Loading…') : data.rows.length === 0 ? 'No saga is in flight.' : null;
  return (
    <section aria-label="Aging" className={styles.aging}>
      <ChartFigure name="Waiting at each step" subtitle="in-flight sagas by time since their last event" summary={data ? agingSummary(data) : ''} emptyText={empty}>
        {data ? <AgingBars aging={data} /> : null}
      </ChartFigure>
    </section>
  );
}
