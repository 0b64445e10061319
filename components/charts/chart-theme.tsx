import { clockFormatter } from '../../lib/format';

/** Series colors: the status colors of globals.css, so "failed" is the same red in a badge and a chart. */
export const COLORS = {
  started: 'var(--accent)',
  completed: 'var(--ok)',
  failed: 'var(--bad)',
  stuck: 'var(--stuck)',
  p50: 'var(--chart-p50)',
  p95: 'var(--accent)',
  p99: 'var(--chart-p99)',
  grid: 'var(--border)',
  axis: 'var(--muted)',
} as const;

/** Tall enough to read a trend, short enough that tiles, charts and the first saga rows fit at 1280x800. */
export const CHART_HEIGHT = 210;
/** Time-axis ticks every 10 minutes: six labels over the hour. */
export const TIME_TICK_MS = 10 * 60_000;

/** Axis labels in the user's zone; tooltips add seconds. */
export const axisClock = clockFormatter();
export const tooltipClock = clockFormatter({ seconds: true });

export const AXIS_TICK = { fill: COLORS.axis, fontSize: 12 } as const;

/** Legend entries in series order, their text in the body color (light series colors fail contrast as text). */
export const LEGEND_PROPS = {
  verticalAlign: 'top',
  height: 24,
  itemSorter: null,
  formatter: (value: unknown) => <span style={{ color: 'var(--text)', fontSize: 13 }}>{String(value)}</span>,
} as const;

const AXIS_LABEL = { fill: COLORS.axis, fontSize: 12 } as const;

/** Props of a time x axis over the chart's own data range, ticks given by the caller. */
export function timeAxisProps(ticks: number[]) {
  return {
    dataKey: 't',
    type: 'number',
    domain: ['dataMin', 'dataMax'],
    ticks,
    tickFormatter: axisClock,
    tick: AXIS_TICK,
    height: 34,
    label: { value: 'Time', position: 'insideBottom', offset: 0, ...AXIS_LABEL },
  } as const;
}

/** Props of a y axis with a vertical label. */
export function valueAxisProps(label: string) {
  return {
    tick: AXIS_TICK,
    width: 52,
    label: { value: label, angle: -90, position: 'insideLeft', ...AXIS_LABEL, style: { textAnchor: 'middle' } },
  } as const;
}
