'use client';

import { memo, useId, useMemo, useState } from 'react';
import { clockMsFormatter } from '../../lib/format';
import type { EventView } from '../../lib/wire/rest';
import { EventRow } from './event-row';
import styles from './events.module.css';

interface Props {
  events: EventView[];
  startedAt: number;
  droppedEvents: number;
}

/** The saga's records in time order; memoized so the page's one-second tick does not re-render it. */
export const EventTable = memo(function EventTable({ events, startedAt, droppedEvents }: Props) {
  const headingId = useId();
  const [announcement, setAnnouncement] = useState('');
  const clock = useMemo(() => clockMsFormatter(), []);
  return (
    <section aria-labelledby={headingId} className={`panel ${styles.region}`}>
      <h2 id={headingId} className={styles.heading}>
        Events <span className="muted">({events.length.toLocaleString()})</span>
      </h2>
      {droppedEvents > 0 ? (
        <p className={styles.note}>
          {droppedEvents.toLocaleString()} older {droppedEvents === 1 ? 'event is' : 'events are'} not kept; they are in Kafka.
        </p>
      ) : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {events.length === 0 ? (
        <p className="muted">The monitor keeps no events of this saga; its records are in Kafka.</p>
      ) : (
        <table aria-label="Events" className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Topic</th>
              <th scope="col" className={styles.num}>
                Partition
              </th>
              <th scope="col" className={styles.num}>
                Offset
              </th>
              <th scope="col">Event type</th>
              <th scope="col">Effect</th>
              <th scope="col">Step</th>
              <th scope="col">Payload</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <EventRow key={`${e.topic}/${e.partition}/${e.offset}`} event={e} time={clock(e.timestamp)} startedAt={startedAt} announce={setAnnouncement} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
