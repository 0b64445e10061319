import { describe, expect, it } from 'vitest';
import { StatsResponse, type SagaStatus } from '../wire/rest';
import { T0 } from '../../testing/fixtures/order-fulfilment';
import { BUCKET_MS, DURATION_SAMPLES, percentile, StatsTracker, WINDOW_MS, type Transition } from './stats';

const ORDER = 'order-fulfilment';
const FINISHED: ReadonlySet<SagaStatus> = new Set(['completed', 'failed', 'compensated']);
let sagas = 0;
/** A transition of a saga of its own, unless `sagaId` names one. */
const move = (from: SagaStatus | null, to: SagaStatus, at: number, durationMs: number | null = null, type = ORDER, sagaId = `s-${++sagas}`): Transition => ({
  sagaId,
  finished: FINISHED.has(to),
  type,
  from,
  to,
  at,
  durationMs,
});

function tracker(transitions: Transition[]): StatsTracker {
  const t = new StatsTracker();
  for (const x of transitions) t.record(x);
  return t;
}

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    { sorted: [], p: 50, want: null },
    { sorted: [7], p: 99, want: 7 },
    { sorted: hundred, p: 50, want: 50 },
    { sorted: hundred, p: 95, want: 95 },
    { sorted: hundred, p: 99, want: 99 },
    { sorted: hundred, p: 100, want: 100 },
    { sorted: hundred, p: 0, want: 1 },
    { sorted: [1, 2, 3], p: 50, want: 2 },
  ])('p$p of $sorted.length values is $want', ({ sorted, p, want }) => {
    expect(percentile(sorted, p)).toBe(want);
  });
});

describe('StatsTracker: counts by status follow transitions', () => {
  it.each<{ name: string; transitions: Transition[]; counts: Partial<Record<SagaStatus, number>> }>([
    { name: 'a new saga', transitions: [move(null, 'in_progress', T0)], counts: { in_progress: 1 } },
    { name: 'a completed saga', transitions: [move(null, 'in_progress', T0), move('in_progress', 'completed', T0 + 1_000, 1_000)], counts: { completed: 1 } },
    {
      name: 'stuck, then un-stuck',
      transitions: [move(null, 'in_progress', T0), move('in_progress', 'stuck', T0 + 30_000), move('stuck', 'in_progress', T0 + 31_000)],
      counts: { in_progress: 1 },
    },
    {
      name: 'two sagas, one compensating',
      transitions: [move(null, 'in_progress', T0), move(null, 'in_progress', T0), move('in_progress', 'compensating', T0 + 5)],
      counts: { in_progress: 1, compensating: 1 },
    },
  ])('$name', ({ transitions, counts }) => {
    const t = tracker(transitions);
    const want = { in_progress: 0, stuck: 0, completed: 0, failed: 0, compensating: 0, compensated: 0, ...counts };
    expect(t.snapshot(T0 + 60_000).byStatus).toEqual(want);
    expect(t.count('in_progress')).toBe(want.in_progress);
  });

  it('counts per saga type', () => {
    const t = tracker([move(null, 'in_progress', T0), move(null, 'in_progress', T0, null, 'trip-booking'), move('in_progress', 'completed', T0 + 9, 9, 'trip-booking')]);
    const s = t.snapshot(T0 + 10);
    expect(s.total).toBe(2);
    expect(s.byType[ORDER]).toMatchObject({ total: 1, byStatus: { in_progress: 1 } });
    expect(s.byType['trip-booking']).toMatchObject({ total: 1, byStatus: { completed: 1, in_progress: 0 } });
  });
});

describe('StatsTracker: throughput', () => {
  it('buckets starts, completions and failures by time', () => {
    const t = tracker([
      move(null, 'in_progress', T0 + 1),
      move(null, 'in_progress', T0 + 2),
      move(null, 'in_progress', T0 + BUCKET_MS + 3),
      move('in_progress', 'completed', T0 + BUCKET_MS + 4, 5),
      move('in_progress', 'compensated', T0 + 2 * BUCKET_MS, 6),
    ]);
    expect(t.snapshot(T0 + 3 * BUCKET_MS).throughput).toEqual([
      { t: T0, started: 2, completed: 0, failed: 0 },
      { t: T0 + BUCKET_MS, started: 1, completed: 1, failed: 0 },
      { t: T0 + 2 * BUCKET_MS, started: 0, completed: 0, failed: 1 },
    ]);
  });

  it('counts a finished saga once when it moves between finished statuses', () => {
    const t = tracker([move(null, 'in_progress', T0, null, ORDER, 'o-1'), move('in_progress', 'failed', T0 + 1, 1, ORDER, 'o-1'), move('failed', 'compensated', T0 + 2, 2, ORDER, 'o-1')]);
    expect(t.snapshot(T0 + 10).throughput).toEqual([{ t: T0, started: 1, completed: 0, failed: 1 }]);
    expect(t.snapshot(T0 + 10).durations[ORDER].count).toBe(1);
  });

  it('counts a saga that finishes again once, with its latest outcome', () => {
    // Compensated, reopened by a compensation read late, compensated again; then a complete record read later still.
    const o1 = (from: SagaStatus | null, to: SagaStatus, at: number) => move(from, to, at, at - T0, ORDER, 'o-1');
    const t = tracker([
      o1(null, 'in_progress', T0),
      o1('in_progress', 'compensated', T0 + 1),
      o1('compensated', 'compensating', T0 + 2),
      o1('compensating', 'compensated', T0 + 3),
      o1('compensated', 'completed', T0 + BUCKET_MS),
    ]);
    expect(t.snapshot(T0 + 2 * BUCKET_MS).throughput).toEqual([
      { t: T0, started: 1, completed: 0, failed: 0 },
      { t: T0 + BUCKET_MS, started: 0, completed: 1, failed: 0 },
    ]);
    expect(t.snapshot(T0 + 2 * BUCKET_MS).durations[ORDER].count).toBe(1);
  });

  it('forgets the outcome of a saga the store forgot, and of one finished before the window', () => {
    const t = tracker([move(null, 'in_progress', T0, null, ORDER, 'o-1'), move('in_progress', 'failed', T0 + 1, 1, ORDER, 'o-1')]);
    t.forget('o-1');
    t.record(move(null, 'completed', T0 + 2, 2, ORDER, 'o-1'));
    expect(t.snapshot(T0 + 10).throughput).toEqual([{ t: T0, started: 2, completed: 1, failed: 1 }]);
    // An hour on, the first bucket is gone: a saga counted there is counted where it finishes again.
    const later = T0 + WINDOW_MS + BUCKET_MS;
    t.record(move('completed', 'compensated', later, 3, ORDER, 'o-1'));
    expect(t.snapshot(later).throughput).toEqual([{ t: later, started: 0, completed: 0, failed: 1 }]);
  });

  it('shows only the last hour', () => {
    const now = T0 + 2 * WINDOW_MS;
    const t = tracker([move(null, 'in_progress', T0), move(null, 'in_progress', now - WINDOW_MS + BUCKET_MS), move(null, 'in_progress', now)]);
    expect(t.snapshot(now).throughput.map((p) => p.t)).toEqual([now - WINDOW_MS + BUCKET_MS, now]);
  });
});

describe('StatsTracker: durations', () => {
  it('gives percentiles of finished sagas by type', () => {
    const t = new StatsTracker();
    for (let i = 1; i <= 100; i++) t.record(move('in_progress', i % 2 ? 'completed' : 'compensated', T0, i * 10));
    t.record(move('in_progress', 'failed', T0, null));
    expect(t.snapshot(T0).durations[ORDER]).toEqual({ count: 100, p50: 500, p95: 950, p99: 990 });
  });

  it(`keeps the latest ${DURATION_SAMPLES} samples`, () => {
    const t = new StatsTracker();
    for (let i = 0; i < DURATION_SAMPLES; i++) t.record(move('in_progress', 'completed', T0, 1_000_000));
    for (let i = 0; i < DURATION_SAMPLES; i++) t.record(move('in_progress', 'completed', T0, 1));
    expect(t.snapshot(T0).durations[ORDER]).toEqual({ count: DURATION_SAMPLES, p50: 1, p95: 1, p99: 1 });
  });
});

describe('StatsTracker: stuck series and wire shape', () => {
  it('samples the highest stuck count per bucket', () => {
    const t = tracker([move(null, 'in_progress', T0), move(null, 'in_progress', T0), move('in_progress', 'stuck', T0)]);
    t.sampleStuck(T0 + 1);
    t.record(move('in_progress', 'stuck', T0 + 2));
    t.sampleStuck(T0 + 2);
    t.record(move('stuck', 'in_progress', T0 + 3));
    t.record(move('stuck', 'in_progress', T0 + 3));
    t.sampleStuck(T0 + 3);
    t.sampleStuck(T0 + BUCKET_MS);
    expect(t.snapshot(T0 + BUCKET_MS).stuckSeries).toEqual([
      { t: T0, count: 2 },
      { t: T0 + BUCKET_MS, count: 0 },
    ]);
  });

  it('produces a valid StatsResponse', () => {
    const t = tracker([move(null, 'in_progress', T0), move('in_progress', 'completed', T0 + 5, 5)]);
    t.sampleStuck(T0 + 5);
    expect(StatsResponse.safeParse(t.snapshot(T0 + 5)).success).toBe(true);
  });
});
