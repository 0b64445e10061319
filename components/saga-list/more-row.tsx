'use client';

import styles from './saga-list.module.css';

interface Props {
  index: number;
  top: number;
  error: string | null;
  onRetry(): void;
}

/** The row after the loaded ones while more pages exist: where the next page appears, or why it did not. */
export function MoreRow({ index, top, error, onRetry }: Props) {
  return (
    <div role="row" aria-rowindex={index + 2} className={`${styles.row} ${styles.moreRow}`} style={{ transform: `translateY(${top}px)` }}>
      <span role="gridcell" className={styles.moreCell}>
        {error ? (
          <>
            <span className={styles.error}>Could not load more: {error}</span>{' '}
            <button type="button" onClick={onRetry}>
              Retry
            </button>
          </>
        ) : (
          <span className={styles.muted}>Loading more sagas…</span>
        )}
      </span>
    </div>
  );
}
