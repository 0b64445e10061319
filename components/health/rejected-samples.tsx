import { useId, useMemo } from 'react';
import { clockMsFormatter } from '../../lib/format';
import type { HealthResponse } from '../../lib/wire/rest';
import styles from './health.module.css';

type Sample = HealthResponse['rejected']['samples'][number];

/** Recent rejected records, newest first; values are previews shown as text, never markup. */
export function RejectedSamples({ samples }: { samples: Sample[] }) {
  const headingId = useId();
  const clock = useMemo(() => clockMsFormatter(), []);
  return (
    <div className={styles.samples}>
      <h3 id={headingId} className={styles.subheading}>
        Samples <span className="muted">({samples.length})</span>
      </h3>
      {samples.length === 0 ? (
        <p className="muted">No samples.</p>
      ) : (
        <ul aria-labelledby={headingId} className={styles.sampleList} tabIndex={0}>
          {samples.map((s) => (
            <li key={`${s.topic}/${s.partition}/${s.offset}`} className={styles.sample}>
              <p className={styles.sampleHead}>
                <span className={styles.reason}>{s.reason}</span> <code>{`${s.topic}/${s.partition}/${s.offset}`}</code>{' '}
                <span className="muted">at {clock(s.timestamp)}</span> <span className="muted">key</span>{' '}
                {s.key === null ? <span className="muted">none</span> : <code>{s.key}</code>}
              </p>
              <p className={styles.detail}>{s.detail}</p>
              <pre className={styles.pre}>{s.valuePreview ?? '(no value)'}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
