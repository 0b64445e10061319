'use client';

import { useMemo } from 'react';
import { clockFormatter, formatCount, formatDuration, formatRate } from '../../lib/format';
import { tileValues, type TileValues } from '../../lib/charts/tiles';
import { useLive } from '../live/live-context';
import type { StatsResponse } from '../../lib/wire/rest';
import { useStats } from '../live/use-snapshots';
import { FindingsDetail } from './findings-detail';
import { P95Detail } from './p95-detail';
import { StatTile } from './stat-tile';
import styles from './stat-tiles.module.css';

const clock = clockFormatter({ seconds: true });
const NAMES = ['In progress', 'Stuck', 'Failed in the last hour', 'Completed per minute', 'p95 duration', 'Findings'] as const;

/** What else the in-flight count holds: compensations, and sagas slower than their steps usually are. */
function inProgressDetail(v: TileValues): string {
  const parts = [v.compensating > 0 ? `+${formatCount(v.compensating)} compensating` : null, v.slow > 0 ? `${formatCount(v.slow)} slow` : null];
  const said = parts.filter((p) => p !== null);
  return said.length > 0 ? said.join(', ') : 'running now';
}

function LiveTiles({ v, findings }: { v: TileValues; findings: StatsResponse['findings'] }) {
  const slowest = v.p95[0];
  const withFindings = Object.values(findings ?? {}).reduce((a, b) => a + b, 0);
  return (
    <>
      <StatTile
        label="In progress"
        value={formatCount(v.inProgress)}
        detail={inProgressDetail(v)}
        link={{ href: '/?status=in_progress', text: 'Show in list' }}
      />
      <StatTile
        label="Stuck"
        value={formatCount(v.stuck)}
        tone={v.stuck > 0 ? 'stuck' : undefined}
        detail="no progress past their threshold"
        link={{ href: '/?status=stuck', text: 'Show stuck in list' }}
      />
      <StatTile
        label="Failed in the last hour"
        value={formatCount(v.failedLastHour)}
        tone={v.failedLastHour > 0 ? 'bad' : undefined}
        detail="failed or compensated"
      />
      <StatTile label="Completed per minute" value={formatRate(v.completedPerMinute)} detail={`over the last ${v.rateWindowMs / 1000} s`} />
      <StatTile
        label="p95 duration"
        value={formatDuration(slowest?.p95 ?? null)}
        detail={slowest ? <P95Detail rows={v.p95} /> : 'no finished sagas yet'}
      />
      <StatTile
        label="Findings"
        value={formatCount(withFindings)}
        tone={withFindings > 0 ? 'bad' : undefined}
        detail={<FindingsDetail counts={findings ?? {}} />}
      />
    </>
  );
}

/** The live counts on top of the overview; the socket refreshes the stats cache every second. */
export function StatTiles() {
  const { data, error, refetch } = useStats();
  const { connection } = useLive();
  const values = useMemo(() => (data ? tileValues(data) : null), [data]);
  return (
    <section aria-label="Live counts" className={styles.region} aria-busy={!data && !error}>
      <div className={styles.tiles}>
        {values ? (
          <LiveTiles v={values} findings={data?.findings} />
        ) : (
          NAMES.map((n) => <StatTile key={n} label={n} value="—" detail={error ? 'unavailable' : 'Loading…'} />)
        )}
      </div>
      {error && !data ? (
        <p className={styles.note} role="alert">
          Counts could not be loaded: {error.message}.{' '}
          <button type="button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      {data && connection !== 'live' ? (
        <p className={styles.note}>Live feed {connection}: counts as of {clock(data.at)}.</p>
      ) : null}
    </section>
  );
}
