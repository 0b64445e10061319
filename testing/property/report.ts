/** How a disagreement is printed: enough to read the saga's story and to replay its seed. */
import { RETRY_HEADERS } from '../../lib/retry/retry-wire';
import type { LogRecord } from './workload';

export const REPLAY_HINT = (seed: number) => `replay: PROPERTY_SEED=${seed} npx vitest run --project unit testing/property`;

/** One line per record of the saga, in timeline order, times relative to its first record. */
export function describeTimeline(records: readonly LogRecord[]): string {
  const line = [...records].sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
  const t0 = line[0]?.timestamp ?? 0;
  return line
    .map((r) => {
      const retry = r.headers[RETRY_HEADERS.id] ?? r.headers['saga-monitor-retry-id'];
      const at = `+${r.timestamp - t0}ms`.padStart(9);
      const off = r.timestamp - r.sentAt;
      const clock = off === 0 ? '' : `  (clock ${off > 0 ? '+' : ''}${off}ms, sent +${r.sentAt - t0}ms)`;
      return `  ${at}  ${r.type.padEnd(22)} ${r.topic}/${r.partition}/${r.offset}${retry ? `  (retry ${retry})` : ''}${clock}`;
    })
    .join('\n');
}

export function describeDifference(seed: number, sagaId: string, expected: unknown, actual: unknown, records: readonly LogRecord[], notes: string[] = []): string {
  return [
    `seed ${seed}, saga ${sagaId}`,
    `expected (contract): ${JSON.stringify(expected)}`,
    `actual (monitor):    ${JSON.stringify(actual)}`,
    ...notes,
    'timeline:',
    describeTimeline(records),
    REPLAY_HINT(seed),
  ].join('\n');
}
