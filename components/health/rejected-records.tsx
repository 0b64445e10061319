import type { HealthResponse } from '../../lib/wire/rest';
import { reasonRows } from '../../lib/explain/reject-reasons';
import { RejectedSamples } from './rejected-samples';
import styles from './health.module.css';

/** Records the monitor could not use, by reason, with recent samples to find the producer at fault. */
export function RejectedRecords({ rejected }: { rejected: HealthResponse['rejected'] }) {
  return (
    <section aria-label="Rejected records" className={`panel ${styles.block}`}>
      <h2 className={styles.heading}>Rejected records</h2>
      {rejected.total === 0 ? (
        <p className={styles.okNote}>No rejected records</p>
      ) : (
        <p>
          {rejected.total.toLocaleString()} {rejected.total === 1 ? 'record was' : 'records were'} skipped. They stay in Kafka; the
          consumer moved on.
        </p>
      )}
      <table aria-label="Rejected by reason" className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col" className={styles.num}>
              Count
            </th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {reasonRows(rejected.byReason).map((r) => (
            <tr key={r.reason} className={r.count === 0 ? styles.zero : undefined}>
              <th scope="row" className={styles.mono}>
                {r.reason}
              </th>
              <td className={styles.num}>{r.count.toLocaleString()}</td>
              <td>{r.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RejectedSamples samples={rejected.samples} />
    </section>
  );
}
