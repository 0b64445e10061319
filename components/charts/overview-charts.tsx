'use client';

import { useMemo } from 'react';
import { durationRows } from '../../lib/charts/durations';
import { stuckSeries } from '../../lib/charts/stuck-series';
import { throughputSeries } from '../../lib/charts/throughput';
import { useStats } from '../live/use-snapshots';
import { ChartFigure } from './chart-figure';
import { DurationChart } from './duration-chart';
import { StuckChart } from './stuck-chart';
import { ThroughputChart } from './throughput-chart';
import { useStableRows } from './use-stable-rows';
import styles from './charts.module.css';

const NAMES = ['Throughput', 'Duration percentiles', 'Stuck over time'] as const;

function Placeholders({ text }: { text: string }) {
  return NAMES.map((n) => (
    <ChartFigure key={n} name={n} subtitle="" summary="" emptyText={text}>
      {null}
    </ChartFigure>
  ));
}

/** The overview charts. Series are derived once per stats object and kept by value, so each chart renders only when its own series changes. */
export function OverviewCharts() {
  const { data, error, refetch } = useStats();
  const throughput = useStableRows(useMemo(() => (data ? throughputSeries(data) : []), [data]));
  const durations = useStableRows(useMemo(() => (data ? durationRows(data.durations) : []), [data]));
  const stuck = useStableRows(useMemo(() => (data ? stuckSeries(data) : []), [data]));
  const bucketMs = data?.bucketMs ?? 0;
  return (
    <section aria-label="Charts" className={styles.region}>
      {data ? (
        <>
          <ThroughputChart series={throughput} bucketMs={bucketMs} />
          <DurationChart rows={durations} />
          <StuckChart series={stuck} bucketMs={bucketMs} />
        </>
      ) : (
        <Placeholders text={error ? `Charts unavailable: ${error.message}` : 'Loading…'} />
      )}
      {error && !data ? (
        <button type="button" className={styles.retry} onClick={() => void refetch()}>
          Retry loading charts
        </button>
      ) : null}
    </section>
  );
}
