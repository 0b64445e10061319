'use client';

import { useId, useMemo } from 'react';
import { describeTimeline } from '../../lib/timeline/describe';
import { ROW_HEIGHT, timelineLayout, type Bar, type Row } from '../../lib/timeline/layout';
import type { SagaDetail } from '../../lib/wire/rest';
import { TimelineDefs } from './timeline-defs';
import { useElementWidth } from './use-element-width';
import styles from './timeline.module.css';

/** Past this x, an axis label is anchored at its end so it stays inside the chart. */
const LABEL_END_MARGIN = 40;

function BarRect({ bar, className, fill }: { bar: Bar; className: string; fill?: string }) {
  return <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} className={className} fill={fill} />;
}

function StuckOverlay({ bar, ids }: { bar: Bar; ids: { stuck: string } }) {
  if (bar.stuckX === null) return null;
  const end = bar.x + bar.width;
  return (
    <>
      <rect x={bar.stuckX} y={bar.y} width={Math.max(0, end - bar.stuckX)} height={bar.height} fill={`url(#${ids.stuck})`} />
      <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} className={styles.waitingOutline} />
    </>
  );
}

function RowShapes({ row, ids }: { row: Row; ids: { comp: string; stuck: string } }) {
  const kind = row.kind === 'saga' ? 'saga' : 'step';
  return (
    <g className={row.waiting ? styles.waitingRow : undefined}>
      <text x={8} y={row.y + (row.kind === 'saga' ? 24 : 17)} className={styles.rowLabel}>
        {row.label}
      </text>
      {row.kind === 'step' ? (
        <text x={8} y={row.y + 31} className={styles.rowStatus}>
          {row.status}
        </text>
      ) : null}
      {row.bar ? <BarRect bar={row.bar} className={`${styles.bar} ${styles[`${kind}-${row.status}`] ?? ''} ${row.bar.open ? styles.open : ''}`} /> : null}
      {row.compensation ? <BarRect bar={row.compensation} className={styles.compensation} fill={`url(#${ids.comp})`} /> : null}
      {row.bar && row.waiting ? <StuckOverlay bar={row.bar} ids={ids} /> : null}
      {row.compensation && row.waiting ? <StuckOverlay bar={row.compensation} ids={ids} /> : null}
    </g>
  );
}

/** The Gantt chart: geometry comes from lib/timeline; this only draws it. */
export function TimelineSvg({ saga, now }: { saga: SagaDetail; now: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const layout = useMemo(() => timelineLayout(saga, now, width), [saga, now, width]);
  const desc = useMemo(() => describeTimeline(saga, now), [saga, now]);
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const ids = { comp: `${base}-comp`, stuck: `${base}-stuck`, desc: `${base}-desc` };
  const name = `Timeline of ${saga.id}`;
  const bottom = layout.height - 4;
  return (
    <div ref={ref} className={styles.chart}>
      <svg width={layout.width} height={layout.height} role="img" aria-label={name} aria-describedby={ids.desc} className={styles.svg}>
        <title>{name}</title>
        <desc id={ids.desc}>{desc}</desc>
        <TimelineDefs compId={ids.comp} stuckId={ids.stuck} />
        {layout.rows.map((r, i) => (i % 2 === 1 ? <rect key={r.key} x={0} y={r.y} width={layout.width} height={ROW_HEIGHT} className={styles.stripe} /> : null))}
        {layout.ticks.map((t) => (
          <g key={t.label}>
            <line x1={t.x} x2={t.x} y1={20} y2={bottom} className={styles.grid} />
            <text x={t.x} y={14} textAnchor={t.x > layout.width - LABEL_END_MARGIN ? 'end' : 'middle'} className={styles.tick}>
              {t.label}
            </text>
          </g>
        ))}
        {layout.rows.map((r) => (
          <RowShapes key={r.key} row={r} ids={ids} />
        ))}
        {layout.nowX !== null ? (
          <line x1={layout.nowX} x2={layout.nowX} y1={20} y2={bottom} className={styles.now}>
            <title>now</title>
          </line>
        ) : null}
        {layout.markers.map((m) => (
          <circle key={m.key} cx={m.x} cy={m.y} r={4} className={`${styles.marker} ${styles[`effect-${m.effect}`] ?? ''}`}>
            <title>{m.title}</title>
          </circle>
        ))}
      </svg>
    </div>
  );
}
