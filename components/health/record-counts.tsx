import type { HealthResponse } from '../../lib/wire/rest';
import styles from './health.module.css';

/** What went through the consumer: every record is either applied to a saga or rejected with a reason. */
export function RecordCounts({ health }: { health: HealthResponse }) {
  const items = [
    { label: 'Records consumed', value: health.consumed },
    { label: 'Applied to sagas', value: health.applied },
    { label: 'Rejected', value: health.rejected.total },
    { label: 'Sagas in memory', value: health.sagas },
  ];
  return (
    <section aria-label="Record counts" className="panel">
      <h2 className={styles.heading}>Records</h2>
      <dl className={styles.counts}>
        {items.map((i) => (
          <div key={i.label}>
            <dt>{i.label}</dt>
            <dd className={i.label === 'Rejected' && i.value > 0 ? styles.warn : undefined}>{i.value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
