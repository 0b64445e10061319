import { formatDuration } from '../../lib/format';
import styles from './stat-tiles.module.css';

/** Tiles stay one size: types past this are left to the duration chart. */
const MAX_TYPES = 3;

/** p95 per saga type, slowest first: percentiles of different types cannot be merged into one number. */
export function P95Detail({ rows }: { rows: { type: string; p95: number }[] }) {
  return (
    <ul className={styles.p95}>
      {rows.slice(0, MAX_TYPES).map((r) => (
        <li key={r.type}>
          {r.type} <strong>{formatDuration(r.p95)}</strong>
        </li>
      ))}
    </ul>
  );
}
