'use client';

import { useMemo } from 'react';
import { dateTimeFormatter, formatAge, formatElapsed } from '../../lib/format';
import { waitingSentence } from '../../lib/timeline/waiting';
import type { StuckView } from '../../lib/wire/rest';
import styles from './timeline.module.css';

/** Why a stuck saga is not moving, in words: the step, how long, and which records would move it on. */
export function WaitingNotice({ stuck, now }: { stuck: StuckView; now: number }) {
  const at = useMemo(() => dateTimeFormatter(), []);
  return (
    <div className={styles.waiting}>
      <p className={styles.waitingLead}>{waitingSentence(stuck, now)}</p>
      <p className={styles.waitingDetail}>
        Stuck since {at(stuck.since)} ({formatAge(now - stuck.since)} ago, threshold {formatElapsed(stuck.thresholdMs)}). Reason:{' '}
        {stuck.reason}
      </p>
    </div>
  );
}
