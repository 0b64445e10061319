import { ApiFailure } from '../../lib/api/fetch-json';
import styles from './saga-detail.module.css';

/** A refetch failed while an older copy of the saga is shown: say so, keep the copy. */
export function RefreshError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const gone = error instanceof ApiFailure && error.status === 404;
  return (
    <div role="alert" className={styles.refreshError}>
      {gone ? 'The monitor no longer keeps this saga; showing the last copy: ' : 'Could not refresh; showing the last copy: '}
      {error.message}{' '}
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
