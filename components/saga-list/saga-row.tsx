'use client';

import Link from 'next/link';
import { memo } from 'react';
import { FINDING_LABELS } from '../../lib/explain/labels';
import { durationText, sinceText, startedFormatter, statusLabel, stuckForText } from '../../lib/saga-list/format';
import type { SagaSummary } from '../../lib/wire/rest';
import styles from './saga-list.module.css';

const started = startedFormatter();
const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

interface Props {
  saga: SagaSummary;
  index: number;
  top: number;
  domId: string | undefined;
  active: boolean;
  /** Changed since loading so that it no longer matches the filters; kept in place until the next refetch. */
  stale: boolean;
  now: number;
  onPick(id: string): void;
}

/** One saga; re-renders only when its summary object, its place, its activity or the shared clock changes. */
export const SagaRow = memo(function SagaRow({ saga, index, top, domId, active, stale, now, onPick }: Props) {
  const stuckFor = stuckForText(saga, now);
  const cls = [styles.row, styles.dataRow, saga.status === 'stuck' && styles.stuck, active && styles.active, stale && styles.stale];
  return (
    // The grid owns focus and keys (aria-activedescendant, arrows and Enter in saga-grid.tsx); a row takes the click only.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      role="row"
      id={domId}
      aria-rowindex={index + 2}
      aria-selected={active}
      className={cls.filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      title={stale ? 'Changed since loaded and no longer matches the filters' : undefined}
      onClick={() => onPick(saga.id)}
    >
      <span role="gridcell" className={styles.id}>
        <Link href={`/sagas/${encodeURIComponent(saga.id)}`} prefetch={false} tabIndex={-1}>
          {saga.id}
        </Link>
      </span>
      <span role="gridcell" className={styles.muted}>
        {saga.type}
      </span>
      <span role="gridcell">
        <span className={`status-badge status-${saga.status}`}>{statusLabel(saga.status)}</span>
        {stuckFor ? <span className={styles.stuckFor}> {stuckFor}</span> : null}
        {saga.slow && saga.status !== 'stuck' ? (
          <span className={styles.slowBadge} title={`Waiting at ${saga.slow.step} longer than ${saga.slow.factor} × its p99`}>
            {' '}
            slow
          </span>
        ) : null}
        {saga.findings && saga.findings.length > 0 ? (
          <span className={styles.findingBadge} title={saga.findings.map((k) => FINDING_LABELS[k]).join(', ')}>
            {' '}
            {saga.findings.length === 1 ? FINDING_LABELS[saga.findings[0]].toLowerCase() : `${saga.findings.length} findings`}
          </span>
        ) : null}
      </span>
      <span role="gridcell">
        {saga.currentStep ?? <span className={styles.muted}>—</span>}
        {saga.phase === 'compensation' ? <span className={styles.muted} title="Compensating this step"> (undo)</span> : null}
      </span>
      <span role="gridcell" className={styles.num} title={fullTime.format(saga.startedAt)}>
        {started(saga.startedAt, now)}
      </span>
      <span role="gridcell" className={styles.num} title={fullTime.format(saga.updatedAt)}>
        {sinceText(saga.updatedAt, now)}
      </span>
      <span role="gridcell" className={styles.num}>
        {durationText(saga, now)}
      </span>
    </div>
  );
});
