'use client';

import styles from './saga-list.module.css';

/** Skeleton rows shown on first load; enough to fill the top of the list box. */
const SKELETON_ROWS = 8;

export function ListLoading() {
  return (
    <div className={styles.state} aria-hidden="true">
      {Array.from({ length: SKELETON_ROWS }, (_, i) => (
        <div key={i} className={styles.skeleton} />
      ))}
    </div>
  );
}

export function ListError({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div className={styles.state} role="alert">
      <p className={styles.error}>Could not load sagas: {message}</p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function ListEmpty({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  return (
    <div className={styles.state}>
      {filtered ? (
        <>
          <p>No sagas match these filters</p>
          <button type="button" onClick={onClear}>
            Clear filters
          </button>
        </>
      ) : (
        <p>No sagas yet. They appear here as soon as the monitor reads their first record.</p>
      )}
    </div>
  );
}
