'use client';

import { formatAge } from '../../lib/format';
import { lagText, VERDICT_LABELS } from '../../lib/explain/labels';
import { useConsumers } from '../live/use-consumers';
import styles from './health.module.css';

/** Who reads each saga topic and whether they keep up: the facts behind every "why it waits". */
export function ConsumerGroups({ now }: { now: number }) {
  const { data, error } = useConsumers();
  return (
    <section aria-label="Consumer groups" className={styles.block}>
      <h2 className={styles.heading}>Consumer groups on saga topics</h2>
      {error && !data ? <p className={styles.bad}>Could not load consumer groups: {error.message}</p> : null}
      {!data && !error ? <p className="muted">Loading consumer groups…</p> : null}
      {data ? (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label="Consumers per topic">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Verdict</th>
                <th scope="col">Groups (members on topic, lag, last commit seen)</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((t) => (
                <tr key={t.topic}>
                  <th scope="row" className={styles.mono}>
                    {t.topic}
                  </th>
                  <td className={t.verdict === 'ok' ? styles.ok : t.verdict === 'unknown' ? 'muted' : styles.warn} title={t.summary}>
                    {VERDICT_LABELS[t.verdict]}
                  </td>
                  <td>
                    {t.groups.length === 0
                      ? t.summary
                      : t.groups
                          .map(
                            (g) =>
                              `${g.groupId} (${g.membersOnTopic}, ${lagText(g)}, ${g.lastCommitSeenAt === null ? 'no commit seen' : `${formatAge(now - g.lastCommitSeenAt)} ago`})`,
                          )
                          .join('; ')}
                    {t.error ? <span className={styles.bad}> {t.error}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
