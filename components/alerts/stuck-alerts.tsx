'use client';

import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { mergeAlerts } from '../../lib/live/coalesce';
import { AlertItem } from './alert-item';
import { NotificationControl } from './notification-control';
import { useNow } from './use-now';
import { useNotificationPermission, useStuckNotifications } from './use-notifications';
import { useAlerts } from '../live/use-snapshots';
import { useConsumers } from '../live/use-consumers';
import { consumersOfTopics } from '../../lib/explain/labels';
import styles from './stuck-alerts.module.css';
import { BulkRetryControl } from '../retry/bulk-retry-control';

/** Newest alerts shown without expanding: keeps the top of every page short. */
export const COMPACT_COUNT = 3;
/** The expanded list stops here: every row re-renders each second for its age; the saga list shows the rest. */
export const MAX_LISTED = 500;

const NONE = new Set<string>();

function countText(n: number): string {
  if (n === 0) return 'No stuck sagas';
  return n === 1 ? '1 stuck saga' : `${n.toLocaleString()} stuck sagas`;
}

/** The always-visible stuck-saga area: count, newest few, expandable to all; fed by the live alert cache. */
export function StuckAlerts() {
  const { data, error, refetch } = useAlerts();
  // The REST snapshot is in server order; the live merge keeps newest first. Sorting here covers both.
  const alerts = useMemo(() => mergeAlerts(data, [], NONE), [data]);
  const [expanded, setExpanded] = useState(false);
  const now = useNow(alerts.length > 0);
  const [permission, requestPermission] = useNotificationPermission();
  useStuckNotifications(data, permission === 'granted');
  const listId = useId();
  // Who should answer the shown alerts, current to the last check (not as it was when each alert was raised).
  const { data: consumers } = useConsumers(alerts.length > 0);

  const loaded = data !== undefined;
  const shown = alerts.slice(0, expanded ? MAX_LISTED : COMPACT_COUNT);
  const tone = !loaded ? '' : alerts.length > 0 ? styles.active : styles.clear;
  let status = countText(alerts.length);
  if (!loaded) status = error ? 'Stuck sagas unavailable' : 'Loading stuck sagas…';
  return (
    <section aria-label="Stuck sagas" className={`${styles.area} ${tone}`}>
      <div className={styles.head}>
        <p className={styles.count} aria-live="polite" aria-atomic="true">
          {status}
        </p>
        {error ? (
          <span className={styles.error}>
            {loaded ? 'Could not refresh: ' : 'Could not load: '}
            {error.message}{' '}
            <button type="button" onClick={() => void refetch()}>
              Retry
            </button>
          </span>
        ) : null}
        <span className={styles.actions}>
          {alerts.length > 0 ? <Link href="/?status=stuck">Show in saga list</Link> : null}
          {alerts.length > COMPACT_COUNT ? (
            <button type="button" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded((e) => !e)}>
              {expanded ? 'Show fewer' : `Show all ${alerts.length.toLocaleString()}`}
            </button>
          ) : null}
          <BulkRetryControl alerts={alerts} />
          <NotificationControl permission={permission} request={requestPermission} />
        </span>
      </div>
      {shown.length > 0 ? (
        <ul id={listId} className={`${styles.list} ${expanded ? styles.expanded : ''}`}>
          {shown.map((a) => (
            <AlertItem key={a.sagaId} alert={a} now={now} consumers={consumersOfTopics(a.answeredFrom, consumers?.items)} />
          ))}
        </ul>
      ) : null}
      {expanded && alerts.length > MAX_LISTED ? (
        <p className="muted">
          Showing the newest {MAX_LISTED}. <Link href="/?status=stuck">All {alerts.length.toLocaleString()} in the saga list</Link>
        </p>
      ) : null}
    </section>
  );
}
