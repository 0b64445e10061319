import { SAGA_TYPES, type EventType, type SagaType } from './event-catalog';

/** Recent drops kept for tests and the CLI; older ones are only counted. */
export const MAX_DROPS_KEPT = 1_000;

export interface DroppedRecord {
  sagaId: string;
  eventType: string;
  service: string;
}

export interface DemoStats {
  sagasStarted: Record<SagaType, number>;
  /** Every selected generator has produced its maxSagas. */
  generatorsDone: boolean;
  /** Per event type, counted when queued for sending. */
  produced: Partial<Record<EventType, number>>;
  recordsSent: number;
  /** Records lost because a send failed after kafkajs' own retries, or the send queue was full. */
  recordsLost: number;
  dropped: { count: number; recent: DroppedRecord[] };
  /** Replies the orchestrator did not act on: duplicates, late ones, or for orders it does not know. */
  repliesIgnored: number;
  /** Records that were not demo events (not JSON, no type/sagaId/at). */
  recordsInvalid: number;
}

export function createStats(): DemoStats {
  return {
    sagasStarted: Object.fromEntries(SAGA_TYPES.map((t) => [t, 0])) as Record<SagaType, number>,
    generatorsDone: false,
    produced: {},
    recordsSent: 0,
    recordsLost: 0,
    dropped: { count: 0, recent: [] },
    repliesIgnored: 0,
    recordsInvalid: 0,
  };
}

export function recordDrop(stats: DemoStats, d: DroppedRecord): void {
  stats.dropped.count += 1;
  stats.dropped.recent.push(d);
  if (stats.dropped.recent.length > MAX_DROPS_KEPT) stats.dropped.recent.shift();
}

export function snapshotStats(stats: DemoStats): DemoStats {
  return structuredClone(stats);
}
