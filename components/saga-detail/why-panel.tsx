'use client';

import { slowSentence } from '../../lib/explain/labels';
import type { SagaDetail } from '../../lib/wire/rest';
import { ConsumerTable } from './consumer-table';
import styles from './explain.module.css';

/**
 * Why a saga that has not finished waits: slower than its step usually is, and whether anyone reads the topic its
 * answer depends on. Shown for every unfinished saga, so an operator sees a dead consumer before the timeout.
 */
export function WhyPanel({ saga, now }: { saga: SagaDetail; now: number }) {
  const consumers = saga.consumers ?? [];
  if (saga.endedAt !== null || (consumers.length === 0 && !saga.slow)) return null;
  return (
    <section aria-label="Why it waits" className={styles.panel}>
      <h2>Why it waits</h2>
      {saga.slow ? <p className={`${styles.lead} ${styles.slow}`}>{slowSentence(saga.slow, now)}</p> : null}
      {consumers.map((c) => (
        <ConsumerTable key={c.topic} consumers={c} now={now} />
      ))}
      {saga.status === 'stuck' && consumers.length > 0 && consumers.every((c) => c.verdict === 'ok') ? (
        <p className={styles.note}>
          Its readers keep up, so the request was most likely dropped by the service or its reply lost: retrying re-sends
          it.
        </p>
      ) : null}
    </section>
  );
}
