'use client';

import Link from 'next/link';
import { ApiFailure } from '../../lib/api/fetch-json';
import { useLiveSagas } from '../live/live-context';
import { useSaga } from '../live/use-snapshots';
import { SagaDetailContent } from './saga-detail-content';
import styles from './saga-detail.module.css';

function isNotFound(e: unknown): e is ApiFailure {
  return e instanceof ApiFailure && e.status === 404;
}

/** The drill-down of one saga: loading, not found, failed, or the saga itself kept current by the live feed. */
export function SagaDetailView({ id }: { id: string }) {
  const { data, error, refetch, isFetching, isPlaceholderData } = useSaga(id);
  // The live provider invalidates this saga when it changes, but not after a reconnect or resync: catch up here.
  useLiveSagas((_, missedUpdates) => {
    if (missedUpdates) void refetch();
  });
  // Placeholder data is the previous saga's when navigating between sagas: never show it under this id.
  const saga = data && !(isPlaceholderData && data.id !== id) ? data : undefined;

  if (saga) return <SagaDetailContent saga={saga} refreshError={error} onRetry={() => void refetch()} />;
  if (isNotFound(error)) {
    return (
      <div className={styles.state}>
        <h1>Saga not found</h1>
        <p>
          <code className={styles.mono}>{id}</code>: {error.message}
        </p>
        <Link href="/">Back to the saga list</Link>
      </div>
    );
  }
  return (
    <div className={styles.state}>
      <h1 className={styles.mono}>{id}</h1>
      {error && !isFetching ? (
        <div role="alert">
          <p>Could not load this saga: {error.message}</p>
          <button type="button" onClick={() => void refetch()}>
            Retry
          </button>{' '}
          <Link href="/">Back to the saga list</Link>
        </div>
      ) : (
        <p role="status" className="muted">
          Loading saga…
        </p>
      )}
    </div>
  );
}
