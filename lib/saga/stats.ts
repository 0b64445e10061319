import type { SagaStatus, StatsResponse, ThroughputPoint } from '../wire/rest';
import { SAGA_STATUSES } from '../vocabulary';

/** Chart resolution: fine enough to show a burst, coarse enough that an hour is 360 points. */
export const BUCKET_MS = 10_000;
/** Charts show the last hour. */
export const WINDOW_MS = 60 * 60_000;
/** Percentiles come from the latest durations per saga type; enough for a stable p99, cheap to sort. */
export const DURATION_SAMPLES = 2_000;

/** `finished`: the saga is finished after this change (a `failed` saga is only once a fail record says so). */
export type Transition = {
  sagaId: string;
  type: string;
  from: SagaStatus | null;
  to: SagaStatus;
  at: number;
  durationMs: number | null;
  finished?: boolean;
};

/** Where a saga's outcome is counted: its throughput bucket and whether it completed. */
interface Outcome {
  t: number;
  ok: boolean;
}

const TERMINAL_OK: ReadonlySet<SagaStatus> = new Set(['completed']);

function zeroCounts(): Record<SagaStatus, number> {
  return Object.fromEntries(SAGA_STATUSES.map((s) => [s, 0])) as Record<SagaStatus, number>;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Counts and chart series kept up to date from status transitions, so a snapshot never scans the sagas. */
export class StatsTracker {
  private readonly byStatus = zeroCounts();
  private readonly byType = new Map<string, Record<SagaStatus, number>>();
  private readonly buckets = new Map<number, ThroughputPoint>();
  private readonly durations = new Map<string, { ring: number[]; next: number }>();
  private readonly stuckBuckets = new Map<number, number>();
  /**
   * The outcome counted for each saga finished within the window. A saga can finish again (records read out of order
   * reopen it, a compensation runs after it was compensated): its outcome is counted once, moved when it changes.
   */
  private readonly outcomes = new Map<string, Outcome>();

  record(t: Transition): void {
    let typeCounts = this.byType.get(t.type);
    if (!typeCounts) this.byType.set(t.type, (typeCounts = zeroCounts()));
    if (t.from) {
      this.byStatus[t.from] -= 1;
      typeCounts[t.from] -= 1;
    } else {
      this.bucket(t.at).started += 1;
    }
    this.byStatus[t.to] += 1;
    typeCounts[t.to] += 1;
    if (t.finished) this.countOutcome(t);
  }

  /** The store forgot the saga: nothing of it can finish again. */
  forget(sagaId: string): void {
    this.outcomes.delete(sagaId);
  }

  private countOutcome(t: Transition): void {
    const ok = TERMINAL_OK.has(t.to);
    const counted = this.outcomes.get(t.sagaId);
    if (counted?.ok === ok) return;
    if (counted) {
      const p = this.buckets.get(counted.t);
      if (p && counted.ok) p.completed -= 1;
      else if (p) p.failed -= 1;
    } else if (t.durationMs !== null) {
      this.addDuration(t.type, t.durationMs);
    }
    const p = this.bucket(t.at);
    if (ok) p.completed += 1;
    else p.failed += 1;
    this.outcomes.set(t.sagaId, { t: p.t, ok });
  }

  sampleStuck(now: number): void {
    const b = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    this.stuckBuckets.set(b, Math.max(this.stuckBuckets.get(b) ?? 0, this.byStatus.stuck));
  }

  count(status: SagaStatus): number {
    return this.byStatus[status];
  }

  snapshot(now: number): StatsResponse {
    const from = Math.floor((now - WINDOW_MS) / BUCKET_MS) * BUCKET_MS;
    for (const k of this.buckets.keys()) if (k < from) this.buckets.delete(k);
    for (const k of this.stuckBuckets.keys()) if (k < from) this.stuckBuckets.delete(k);
    for (const [id, o] of this.outcomes) if (o.t < from) this.outcomes.delete(id);
    const throughput = [...this.buckets.values()].filter((p) => p.t <= now).sort((a, b) => a.t - b.t);
    const stuckSeries = [...this.stuckBuckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, count]) => ({ t, count }));
    const durations: StatsResponse['durations'] = {};
    for (const [type, { ring }] of this.durations) {
      const sorted = ring.slice().sort((a, b) => a - b);
      durations[type] = { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
    }
    const byType: StatsResponse['byType'] = {};
    for (const [type, counts] of this.byType) {
      byType[type] = { total: Object.values(counts).reduce((a, b) => a + b, 0), byStatus: { ...counts } };
    }
    const total = Object.values(this.byStatus).reduce((a, b) => a + b, 0);
    return { at: now, total, byStatus: { ...this.byStatus }, byType, bucketMs: BUCKET_MS, throughput, durations, stuckSeries };
  }

  private bucket(at: number): ThroughputPoint {
    const t = Math.floor(at / BUCKET_MS) * BUCKET_MS;
    let p = this.buckets.get(t);
    if (!p) this.buckets.set(t, (p = { t, started: 0, completed: 0, failed: 0 }));
    return p;
  }

  private addDuration(type: string, ms: number): void {
    let d = this.durations.get(type);
    if (!d) this.durations.set(type, (d = { ring: [], next: 0 }));
    if (d.ring.length < DURATION_SAMPLES) d.ring.push(ms);
    else d.ring[d.next] = ms;
    d.next = (d.next + 1) % DURATION_SAMPLES;
  }
}
