'use client';

import { FINDING_HINTS, FINDING_LABELS } from '../../lib/explain/labels';
import type { Finding } from '../../lib/wire/rest';
import styles from './explain.module.css';

/** What is wrong with the saga even if it is not stuck, each with the records that show it. */
export function FindingsPanel({ findings }: { findings: readonly Finding[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  return (
    <section aria-label="Findings" className={styles.panel}>
      <h2>Findings</h2>
      <ul className={styles.findings}>
        {findings.map((f, i) => (
          <li key={`${f.kind}-${f.step ?? ''}-${i}`}>
            <span className={styles.kind} title={FINDING_HINTS[f.kind]}>
              {FINDING_LABELS[f.kind]}
            </span>
            {f.message}{' '}
            {f.evidence.length > 0 ? (
              <span className={styles.evidence}>({f.evidence.map((r) => `${r.topic}/${r.partition}@${r.offset}`).join(', ')})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
