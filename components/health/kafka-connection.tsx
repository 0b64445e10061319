import { useMemo } from 'react';
import { dateTimeFormatter, formatAge } from '../../lib/format';
import type { HealthResponse } from '../../lib/wire/rest';
import { kafkaAdvice } from './kafka-advice';
import styles from './health.module.css';

const STATE_TEXT = { connecting: 'Connecting', connected: 'Connected', disconnected: 'Disconnected' } as const;

export function KafkaConnection({ kafka, now }: { kafka: HealthResponse['kafka']; now: number }) {
  const at = useMemo(() => dateTimeFormatter(), []);
  const advice = kafkaAdvice(kafka);
  return (
    <section aria-label="Kafka connection" className="panel">
      <h2 className={styles.heading}>Kafka connection</h2>
      <p className={styles.state}>
        <span aria-hidden="true" className={`${styles.dot} ${styles[kafka.state]}`} />
        <strong>{STATE_TEXT[kafka.state]}</strong>{' '}
        <span className="muted">
          since {at(kafka.since)} ({formatAge(now - kafka.since)})
        </span>
      </p>
      <dl className={styles.facts}>
        <dt>Brokers</dt>
        <dd>
          {kafka.brokers.length === 0 ? (
            <span className="muted">none configured</span>
          ) : (
            kafka.brokers.map((b) => (
              <code key={b} className={styles.broker}>
                {b}
              </code>
            ))
          )}
        </dd>
        <dt>Last error</dt>
        <dd>{kafka.lastError ? <span className={styles.bad}>{kafka.lastError}</span> : <span className="muted">none</span>}</dd>
      </dl>
      {advice ? <p className={styles.advice}>{advice}</p> : null}
    </section>
  );
}
