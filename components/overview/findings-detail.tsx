import Link from 'next/link';
import { formatCount } from '../../lib/format';
import { FINDING_HINTS, FINDING_LABELS } from '../../lib/explain/labels';
import { type FindingKind } from '../../lib/wire/rest';
import styles from './stat-tiles.module.css';
import { FINDING_KINDS } from '../../lib/vocabulary';

/** Sagas per kind of finding, each a link to the list filtered by it; kinds nobody has are left out. */
export function FindingsDetail({ counts }: { counts: Partial<Record<FindingKind, number>> }) {
  const rows = FINDING_KINDS.filter((k) => (counts[k] ?? 0) > 0);
  if (rows.length === 0) return <>no saga shows a problem</>;
  return (
    <ul className={styles.p95}>
      {rows.map((k) => (
        <li key={k} title={FINDING_HINTS[k]}>
          <Link href={`/?finding=${k}`} scroll={false}>
            {FINDING_LABELS[k]}
          </Link>{' '}
          <strong>{formatCount(counts[k]!)}</strong>
        </li>
      ))}
    </ul>
  );
}
