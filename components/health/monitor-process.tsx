import { clockWords } from '../../lib/explain/clock-words';
import { formatAge } from '../../lib/format';
import type { HealthResponse } from '../../lib/wire/rest';
import styles from './health.module.css';

/** Event-loop delay past this makes every answer and live batch noticeably late: worth a warning colour. */
const LOOP_DELAY_WARN_MS = 100;

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString()} MB`;

/**
 * The monitor process itself: memory grows with the sagas held, and event-loop delay is what every API answer and
 * live batch waits on top of its own time; GC says how much of that delay is garbage collection. Its clock against
 * the records' decides what is stuck.
 */
export function MonitorProcess({ process: p, clock }: { process: HealthResponse['process']; clock?: HealthResponse['clock'] }) {
  const loop = p.eventLoop;
  return (
    <section aria-label="Monitor process" className="panel">
      <h2 className={styles.heading}>Monitor process</h2>
      <dl className={styles.facts}>
        <dt>Memory</dt>
        <dd>
          {mb(p.rssBytes)} resident, {mb(p.heapUsedBytes)} heap
        </dd>
        <dt>Up for</dt>
        <dd>{formatAge(p.uptimeMs)}</dd>
        {loop ? (
          <>
            <dt>Event-loop delay</dt>
            <dd className={loop.delayP99Ms > LOOP_DELAY_WARN_MS ? styles.warn : undefined}>
              p50 {loop.delayP50Ms} ms, p99 {loop.delayP99Ms} ms, max {loop.delayMaxMs} ms over the last {formatAge(loop.windowMs)}
            </dd>
            <dt>Garbage collection</dt>
            <dd>
              {loop.gcPauses.toLocaleString()} pauses ({loop.gcMajorPauses.toLocaleString()} major), {Math.round(loop.gcTotalMs).toLocaleString()} ms in
              all, longest {loop.gcMaxMs} ms
            </dd>
          </>
        ) : null}
        {clock ? (
          <>
            <dt>Clock</dt>
            <dd className={clock.disagrees ? styles.warn : undefined}>{clockWords(clock)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
