'use client';

import { useMemo } from 'react';
import { dateTimeFormatter, formatAge } from '../../lib/format';
import { lagText, VERDICT_LABELS } from '../../lib/explain/labels';
import type { TopicConsumers } from '../../lib/wire/consumers';
import styles from './explain.module.css';

/** One topic the saga's answer is read from: the verdict in words, then each consumer group's facts. */
export function ConsumerTable({ consumers, now }: { consumers: TopicConsumers; now: number }) {
  const at = useMemo(() => dateTimeFormatter(), []);
  const c = consumers;
  return (
    <div className={styles.topic}>
      <p className={styles.lead}>
        <span className={`${styles.verdict} ${styles[`verdict-${c.verdict}`]}`}>{VERDICT_LABELS[c.verdict]}</span>
        {c.summary}
      </p>
      {c.groups.length > 0 ? (
        <table className={styles.groups}>
          <caption>Consumer groups reading {c.topic}</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">State</th>
              <th scope="col">Members on topic</th>
              <th scope="col">Lag</th>
              <th scope="col">Last commit seen</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {c.groups.map((g) => (
              <tr key={g.groupId}>
                <th scope="row">{g.groupId}</th>
                <td>{g.state}</td>
                <td>
                  {g.membersOnTopic} of {g.members}
                </td>
                <td>{lagText(g)}</td>
                <td title={g.lastCommitSeenAt !== null ? at(g.lastCommitSeenAt) : undefined}>
                  {g.lastCommitSeenAt !== null ? `${formatAge(now - g.lastCommitSeenAt)} ago` : 'not seen'}
                </td>
                <td>{VERDICT_LABELS[g.verdict]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className={styles.note}>
        {c.checkedAt !== null ? `Checked ${formatAge(now - c.checkedAt)} ago.` : 'Not checked yet.'}
        {c.error ? ` Last check: ${c.error}` : ''}
      </p>
    </div>
  );
}
