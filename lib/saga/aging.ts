import { isFinished, type SagaState } from './saga-state';

/** How long an in-flight saga has waited since its last event, in these buckets (upper bounds, exclusive). */
export const AGING_BUCKETS = [
  { label: '< 1 s', belowMs: 1_000 },
  { label: '1-10 s', belowMs: 10_000 },
  { label: '10-60 s', belowMs: 60_000 },
  { label: '1-10 min', belowMs: 600_000 },
  { label: '10-60 min', belowMs: 3_600_000 },
  { label: '> 1 h', belowMs: Number.POSITIVE_INFINITY },
] as const;

export interface AgingRow {
  sagaType: string;
  /** The step the saga waits at; null before its first step. */
  step: string | null;
  /** True when the wait is a compensation of that step. */
  compensating: boolean;
  /** Sagas per bucket of AGING_BUCKETS. */
  counts: number[];
  total: number;
  stuck: number;
}

export function bucketOf(waitedMs: number): number {
  const i = AGING_BUCKETS.findIndex((b) => waitedMs < b.belowMs);
  return i === -1 ? AGING_BUCKETS.length - 1 : i;
}

/**
 * In-flight sagas by where they wait (saga type, step, forward or compensating) and for how long since their last
 * event, most crowded place first. A record stamped in the future counts as waiting 0 s.
 */
export function agingRows(sagas: Iterable<SagaState>, isStuck: (id: string) => boolean, now: number): AgingRow[] {
  const rows = new Map<string, AgingRow>();
  for (const s of sagas) {
    if (isFinished(s)) continue;
    const compensating = s.phase === 'compensation';
    const key = `${s.type}\u0000${s.currentStep ?? ''}\u0000${compensating ? 'c' : 's'}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { sagaType: s.type, step: s.currentStep, compensating, counts: AGING_BUCKETS.map(() => 0), total: 0, stuck: 0 }));
    row.counts[bucketOf(Math.max(0, now - s.updatedAt))] += 1;
    row.total += 1;
    if (isStuck(s.id)) row.stuck += 1;
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.sagaType.localeCompare(b.sagaType) || (a.step ?? '').localeCompare(b.step ?? ''));
}
