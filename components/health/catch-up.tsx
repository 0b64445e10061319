import { useMemo } from 'react';
import { dateTimeFormatter, formatAge, formatElapsed } from '../../lib/format';
import type { HealthResponse } from '../../lib/wire/rest';
import { TopicPositions } from './topic-positions';
import styles from './health.module.css';

interface Props {
  catchUp: HealthResponse['catchUp'];
  topics: HealthResponse['topics'];
  now: number;
}

/** Rebuilding state from the start of retention: how far along, and where each partition stands. */
export function CatchUp({ catchUp, topics, now }: Props) {
  const at = useMemo(() => dateTimeFormatter(), []);
  const percent = Math.floor(catchUp.progress * 100);
  const partitions = topics.flatMap((t) => t.partitions);
  const caughtUp = partitions.filter((p) => p.caughtUp).length;
  return (
    <section aria-label="Catch-up" className={`panel ${styles.block}`}>
      <h2 className={styles.heading}>Catch-up</h2>
      <div className={styles.progressRow}>
        <progress aria-label="Catch-up progress" max={1} value={catchUp.progress} className={styles.progress} />
        <strong>{percent}%</strong>
        <span>{catchUp.done ? 'done: following live' : 'reading history…'}</span>
      </div>
      <p className={styles.times}>
        Started {at(catchUp.startedAt)}
        {catchUp.doneAt !== null
          ? `, done ${at(catchUp.doneAt)} (took ${formatElapsed(catchUp.doneAt - catchUp.startedAt)})`
          : `, running for ${formatAge(now - catchUp.startedAt)}`}
        . {caughtUp} of {partitions.length} partitions caught up.
      </p>
      <TopicPositions topics={topics} />
    </section>
  );
}
