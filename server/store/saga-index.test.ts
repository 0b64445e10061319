import { describe, expect, it } from 'vitest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { SagaIndex } from './saga-index';
import { SagaStore } from './saga-store';
import { SAGA_STATUSES } from '../../lib/vocabulary';

type Filter = Parameters<SagaIndex['scan']>[0];
const ANY: Filter = { statuses: null, types: null, steps: null, sort: 'updated' };

function scanned(index: SagaIndex, f: Partial<Filter> = {}): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  index.scan({ ...ANY, ...f }, (id, key) => out.push([id, key]));
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const facts = (id: string, over: Partial<{ type: string; startedAt: number; updatedAt: number; currentStep: string | null }> = {}) => ({
  id,
  type: 'orders',
  startedAt: 1,
  updatedAt: 2,
  currentStep: null,
  ...over,
});

describe('SagaIndex', () => {
  it('filters by status, type and current step, and keys by the sort', () => {
    const index = new SagaIndex();
    index.set(facts('a', { currentStep: 'payment', startedAt: 10, updatedAt: 20 }), 'in_progress');
    index.set(facts('b', { type: 'trips', currentStep: 'hotel' }), 'stuck');
    index.set(facts('c'), 'completed');
    expect(scanned(index, { statuses: ['stuck', 'completed'] }).map(([id]) => id)).toEqual(['b', 'c']);
    expect(scanned(index, { types: ['trips', 'unknown'] }).map(([id]) => id)).toEqual(['b']);
    expect(scanned(index, { steps: ['payment'] })).toEqual([['a', 20]]);
    expect(scanned(index, { steps: ['payment'], sort: 'started' })).toEqual([['a', 10]]);
    expect(scanned(index, { statuses: ['failed'] })).toEqual([]);
    expect(scanned(index, { steps: ['never-seen'] })).toEqual([]);
  });

  it('updates in place, changes a status alone, and reuses the slots of deleted sagas', () => {
    const index = new SagaIndex();
    index.set(facts('a'), 'in_progress');
    index.set(facts('a', { updatedAt: 9, currentStep: 'shipping' }), 'in_progress');
    index.setStatus('a', 'stuck');
    expect(scanned(index, { statuses: ['stuck'], steps: ['shipping'] })).toEqual([['a', 9]]);
    index.delete('a');
    index.delete('a');
    index.setStatus('a', 'failed');
    expect(index.size).toBe(0);
    expect(scanned(index)).toEqual([]);
    index.set(facts('b'), 'failed');
    expect(scanned(index)).toEqual([['b', 2]]);
  });

  it('grows past its first slots without losing any', () => {
    const index = new SagaIndex();
    for (let i = 0; i < 5_000; i++) index.set(facts(`s-${i}`, { updatedAt: i }), SAGA_STATUSES[i % SAGA_STATUSES.length]);
    expect(index.size).toBe(5_000);
    const all = scanned(index);
    expect(all).toHaveLength(5_000);
    expect(all.every(([id, key]) => id === `s-${key}`)).toBe(true);
  });
});

describe('SagaStore keeps its index in step', () => {
  it('agrees with the sagas themselves through starts, steps, stuck, completions and forgetting', () => {
    const clock = { now: 0 };
    const store = new SagaStore(ordersConfig(), () => clock.now, { maxFinished: 200 });
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let i = 0; i < 4_000; i++) {
      const id = `o-${rnd(1_500)}`;
      const t = clock.now;
      const pick = rnd(5);
      if (pick === 0) store.apply(ev(id, 'start', t));
      else if (pick === 1) store.apply(ev(id, 'step-started', t, 'payment', 10_000));
      else if (pick === 2) store.apply(ev(id, 'step-completed', t, 'payment'));
      else if (pick === 3) store.apply(ev(id, 'step-started', t, 'shipping', 5_000));
      else store.apply(ev(id, 'complete', t));
      clock.now += rnd(40);
      if (i % 50 === 0) store.tick();
    }
    store.tick();
    expect(store.forgotten).toBeGreaterThan(0);
    expect(store.stuck.size).toBeGreaterThan(0);
    expect(store.index.size).toBe(store.sagas.size);
    for (const status of SAGA_STATUSES) {
      const want = [...store.sagas.values()]
        .filter((s) => (store.stuck.has(s.id) ? 'stuck' : s.status) === (status))
        .map((s) => [s.id, s.updatedAt] as [string, number])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
      expect(scanned(store.index, { statuses: [status] }), status).toEqual(want);
    }
    const atShipping = [...store.sagas.values()].filter((s) => s.currentStep === 'shipping').map((s) => s.id).sort();
    expect(scanned(store.index, { steps: ['shipping'] }).map(([id]) => id)).toEqual(atShipping);
  });
});
