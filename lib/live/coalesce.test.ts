import { describe, expect, it } from 'vitest';
import type { SagaSummary } from '../wire/rest';
import type { StuckAlert } from '../wire/socket';
import { bufferAlerts, bufferSagaBatch, emptyBuffer, mergeAlerts } from './coalesce';

const summary = (id: string, updatedAt: number): SagaSummary => ({
  id,
  type: 't',
  status: 'in_progress',
  currentStep: null,
  phase: null,
  startedAt: 0,
  updatedAt,
  endedAt: null,
  durationMs: null,
  stuckSince: null,
  eventCount: 1,
});
const alert = (sagaId: string, since: number): StuckAlert => ({
  sagaId,
  sagaType: 't',
  since,
  step: 'a',
  phase: 'step',
  thresholdMs: 1,
  reason: 'r',
  waitingFor: [],
});

describe('live buffer', () => {
  it('keeps the latest summary per saga across batches', () => {
    const b = emptyBuffer(0);
    bufferSagaBatch(b, { seq: 1, items: [summary('a', 1), summary('b', 1)], truncated: false });
    bufferSagaBatch(b, { seq: 2, items: [summary('a', 2)], truncated: false });
    expect([...b.sagas.values()].map((s) => [s.id, s.updatedAt])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(b.needsRefetch).toBe(false);
  });

  it.each([
    ['a gap in seq', { seq: 3, items: [], truncated: false }],
    ['a truncated batch', { seq: 1, items: [], truncated: true }],
  ])('asks for a refetch after %s', (_name, batch) => {
    expect(bufferSagaBatch(emptyBuffer(0), batch).needsRefetch).toBe(true);
  });

  it('accepts any first seq when none was seen', () => {
    expect(bufferSagaBatch(emptyBuffer(null), { seq: 40, items: [], truncated: false }).needsRefetch).toBe(false);
  });

  it('lets the later of raise and resolve win for one saga', () => {
    const b = emptyBuffer();
    bufferAlerts(b, { raised: [alert('a', 1)], resolved: [] });
    bufferAlerts(b, { raised: [], resolved: ['a'] });
    expect(b.raised.size).toBe(0);
    expect([...b.resolved]).toEqual(['a']);
    bufferAlerts(b, { raised: [alert('a', 5)], resolved: [] });
    expect(b.resolved.size).toBe(0);
  });
});

describe('mergeAlerts', () => {
  it('adds, replaces and removes, newest stuck first', () => {
    const merged = mergeAlerts([alert('a', 1), alert('b', 2)], [alert('c', 3), alert('a', 4)], new Set(['b']));
    expect(merged.map((a) => [a.sagaId, a.since])).toEqual([
      ['a', 4],
      ['c', 3],
    ]);
  });
});
