'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { dateTimeFormatter, formatAge, formatElapsed, sameDayFormatter } from '../../lib/format';
import type { SagaDetail } from '../../lib/wire/rest';
import styles from './saga-detail.module.css';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.item}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the saga is and where it stands; running ages tick with `now`. */
export function SagaSummary({ saga, now }: { saga: SagaDetail; now: number }) {
  const at = useMemo(() => dateTimeFormatter(), []);
  const sameDay = useMemo(() => sameDayFormatter(), []);
  const step = saga.currentStep === null ? 'none' : saga.phase === 'compensation' ? `${saga.currentStep} (compensating)` : saga.currentStep;
  return (
    <section aria-label="Saga summary" className={`panel ${styles.summary}`}>
      <div className={styles.titleRow}>
        <h1 className={styles.mono}>
          {saga.id}
        </h1>
        <span className={`status-badge status-${saga.status}`}>
          <span className="visually-hidden">Status: </span>
          {saga.status.replace('_', ' ')}
        </span>
        <Link href="/" className={styles.back}>
          Back to the saga list
        </Link>
      </div>
      <dl className={styles.facts}>
        <Item label="Type">
          <Link href={`/?type=${encodeURIComponent(saga.type)}`}>{saga.type}</Link>
        </Item>
        <Item label="Current step">{step}</Item>
        <Item label="Started">{at(saga.startedAt)}</Item>
        {saga.endedAt === null ? (
          <Item label="Running for">{formatAge(now - saga.startedAt)}</Item>
        ) : (
          <Item label="Duration">{formatElapsed(saga.durationMs ?? saga.endedAt - saga.startedAt)}</Item>
        )}
        {saga.stuckSince !== null ? (
          <Item label="Stuck since">
            <span className={styles.stuck}>
              {sameDay(saga.stuckSince, saga.startedAt)} ({formatAge(now - saga.stuckSince)})
            </span>
          </Item>
        ) : null}
        <Item label="Last update">{sameDay(saga.updatedAt, saga.startedAt)}</Item>
        <Item label="Events">{saga.eventCount.toLocaleString()}</Item>
      </dl>
    </section>
  );
}
