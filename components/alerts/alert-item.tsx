'use client';

import Link from 'next/link';
import { memo } from 'react';
import { formatAge } from '../../lib/format';
import { troublingConsumers } from '../../lib/explain/labels';
import type { TopicConsumers } from '../../lib/wire/consumers';
import type { StuckAlert } from '../../lib/wire/socket';
import styles from './stuck-alerts.module.css';

/** One stuck saga: the link's accessible name is the saga id; step, age and reason are plain text. */
export const AlertItem = memo(function AlertItem({ alert, now, consumers }: { alert: StuckAlert; now: number; consumers: TopicConsumers[] }) {
  return (
    <li className={styles.item}>
      <Link href={`/sagas/${encodeURIComponent(alert.sagaId)}`} prefetch={false} className={styles.id}>
        {alert.sagaId}
      </Link>
      <span className={styles.type}>{alert.sagaType}</span>
      <span className={styles.step}>
        <span className="muted">{alert.phase === 'compensation' ? 'compensating ' : 'step '}</span>
        {alert.step ?? 'none'}
      </span>
      <span className={styles.age}>stuck for {formatAge(now - alert.since)}</span>
      <span className={styles.reason} title={alert.reason}>
        {alert.reason}
      </span>
      {troublingConsumers(consumers).map((c) => (
        <span key={c.topic} className={styles.consumers}>
          {c.summary}
        </span>
      ))}
    </li>
  );
});
