'use client';

import { formatCount } from '../../lib/format';
import type { LiveList } from './use-live-list';
import styles from './saga-list.module.css';

interface Props {
  /** Null until the first page arrives. */
  total: number | null;
  failed: boolean;
  loaded: number;
  live: LiveList;
}

function countText(total: number | null, failed: boolean): string {
  if (total === null) return failed ? 'Sagas unavailable' : 'Loading sagas…';
  return `${formatCount(total)} ${total === 1 ? 'saga' : 'sagas'}`;
}

/** The count, how much of it is loaded, the held-back new sagas and the pause toggle. */
export function ListStatus({ total, failed, loaded, live }: Props) {
  return (
    <div className={styles.statusBar}>
      <p role="status" aria-label="Saga count" className={styles.count}>
        {countText(total, failed)}
      </p>
      {total !== null && loaded < total ? <span className={styles.muted}>{formatCount(loaded)} loaded, more as you scroll</span> : null}
      <span className={styles.liveActions}>
        {live.newCount > 0 && !live.paused ? (
          <button type="button" className={styles.newButton} onClick={live.showNew}>
            {formatCount(live.newCount)} new — show
          </button>
        ) : null}
        {/* Not a live region: while paused this changes four times a second; aria-pressed already says "paused". */}
        {live.paused ? (
          <span className={styles.muted}>
            Paused: {formatCount(live.heldCount)} {live.heldCount === 1 ? 'change' : 'changes'} waiting
          </span>
        ) : null}
        <button type="button" aria-pressed={live.paused} className={styles.pause} onClick={() => live.setPaused(!live.paused)}>
          Pause live
        </button>
      </span>
    </div>
  );
}
