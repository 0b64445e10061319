'use client';

import { useMemo } from 'react';
import { dateTimeFormatter, formatAge } from '../../lib/format';
import { useNow } from '../alerts/use-now';
import { useLive } from '../live/live-context';
import { useHealth } from '../live/use-snapshots';
import { CatchUp } from './catch-up';
import { ConsumerGroups } from './consumer-groups';
import { KafkaConnection } from './kafka-connection';
import { MonitorProcess } from './monitor-process';
import { RecordCounts } from './record-counts';
import { RejectedRecords } from './rejected-records';
import styles from './health.module.css';

/** The socket sends health every second; older than this, the figures are called out as stale. */
export const STALE_AFTER_MS = 5000;

/** The monitor's own health: Kafka connection, catch-up, record counts and rejected records. */
export function HealthView() {
  const { data, error, refetch, dataUpdatedAt } = useHealth();
  const { connection } = useLive();
  const now = useNow(true);
  const at = useMemo(() => dateTimeFormatter(), []);
  const stale = data !== undefined && (connection !== 'live' || now - dataUpdatedAt > STALE_AFTER_MS);
  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1>Health</h1>
        {data ? (
          <span className={stale ? styles.stale : 'muted'}>
            {stale ? `Not live: figures from ${at(dataUpdatedAt)} (${formatAge(now - dataUpdatedAt)} ago)` : 'Live, updated every second'}
          </span>
        ) : null}
      </div>
      {data === undefined ? (
        error ? (
          <div role="alert" className={styles.error}>
            Could not load the monitor’s health: {error.message}{' '}
            <button type="button" onClick={() => void refetch()}>
              Retry
            </button>
          </div>
        ) : (
          <p role="status" className="muted">
            Loading health…
          </p>
        )
      ) : (
        <>
          <div className={styles.top}>
            <KafkaConnection kafka={data.kafka} now={now} />
            <RecordCounts health={data} />
          </div>
          <CatchUp catchUp={data.catchUp} topics={data.topics} now={now} />
          <ConsumerGroups now={now} />
          <RejectedRecords rejected={data.rejected} />
          <MonitorProcess process={data.process} clock={data.clock} />
        </>
      )}
    </div>
  );
}
