import type { HealthResponse } from '../../lib/wire/rest';
import styles from './health.module.css';

type Topic = HealthResponse['topics'][number];
type Partition = Topic['partitions'][number];

/** Records still to read before this partition reaches where it ended at start; offsets are int64 strings. */
function remaining(p: Partition): string {
  try {
    const left = BigInt(p.endAtStart) - BigInt(p.position ?? '0');
    return left > 0n ? `no, ${left.toLocaleString()} to go` : 'not yet';
  } catch {
    return 'not yet';
  }
}

function TopicRows({ topic }: { topic: Topic }) {
  if (!topic.exists || topic.partitions.length === 0) {
    return (
      <tbody>
        <tr>
          <th scope="row" className={styles.mono}>
            {topic.topic}
          </th>
          <td className={topic.exists ? undefined : styles.warn}>{topic.exists ? 'yes' : 'does not exist yet'}</td>
          <td colSpan={4} className={topic.problem ? undefined : 'muted'}>
            {topic.problem ?? (topic.exists ? 'no partitions' : 'picked up within seconds once created')}
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody>
      {topic.partitions.map((p, i) => (
        <tr key={p.partition}>
          {i === 0 ? (
            <>
              <th scope="rowgroup" rowSpan={topic.partitions.length} className={styles.mono}>
                {topic.topic}
              </th>
              <td rowSpan={topic.partitions.length}>yes</td>
            </>
          ) : null}
          <td className={styles.num}>{p.partition}</td>
          <td className={styles.num}>{p.endAtStart}</td>
          <td className={styles.num}>{p.position ?? <span className="muted">not read yet</span>}</td>
          <td className={p.caughtUp ? styles.ok : styles.warn}>{p.caughtUp ? 'yes' : remaining(p)}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** Per topic and partition: end offset when the monitor started vs the position read so far. */
export function TopicPositions({ topics }: { topics: Topic[] }) {
  if (topics.length === 0) return <p className="muted">No topics configured.</p>;
  return (
    <div className={styles.scroll} tabIndex={0} role="group" aria-label="Topic positions, scrollable">
      <table aria-label="Topic positions" className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Exists</th>
            <th scope="col" className={styles.num}>
              Partition
            </th>
            <th scope="col" className={styles.num}>
              End offset at start
            </th>
            <th scope="col" className={styles.num}>
              Position
            </th>
            <th scope="col">Caught up</th>
          </tr>
        </thead>
        {topics.map((t) => (
          <TopicRows key={t.topic} topic={t} />
        ))}
      </table>
    </div>
  );
}
