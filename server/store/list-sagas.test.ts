import { describe, expect, it } from 'vitest';
import { SagaListQuery } from '../../lib/wire/rest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { BadCursorError, listSagas, TopK } from './list-sagas';
import { SagaStore } from './saga-store';

function seeded(n: number): SagaStore {
  const store = new SagaStore(ordersConfig(), () => 0);
  for (let i = 0; i < n; i++) {
    const id = `o-${String(i).padStart(3, '0')}`;
    store.apply(ev(id, 'start', 1_000 + i));
    if (i % 3 === 0) store.apply(ev(id, 'complete', 2_000 + i));
    if (i % 3 === 1) store.apply(ev(id, 'step-started', 1_500 + i, 'payment'));
  }
  return store;
}

const q = (s: Record<string, string>) => SagaListQuery.parse(s);

describe('listSagas', () => {
  it('pages through every saga exactly once, most recent activity first', () => {
    const store = seeded(25);
    const seen: string[] = [];
    let cursor: string | undefined;
    let last = Infinity;
    do {
      const page = listSagas(store, q({ limit: '7', ...(cursor ? { cursor } : {}) }));
      expect(page.total).toBe(25);
      for (const s of page.items) {
        expect(s.updatedAt).toBeLessThanOrEqual(last);
        last = s.updatedAt;
        seen.push(s.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(25);
  });

  it.each([
    [{ status: 'completed' }, 9],
    [{ status: 'completed,in_progress' }, 25],
    [{ q: 'o-01' }, 10],
    [{ step: 'payment' }, 8],
    [{ type: 'other' }, 0],
  ])('filters %o to %i sagas', (query, expected) => {
    expect(listSagas(seeded(25), q(query)).total).toBe(expected);
  });

  it('rejects a cursor it did not issue', () => {
    expect(() => listSagas(seeded(2), q({ cursor: 'nonsense' }))).toThrow(BadCursorError);
  });
});

describe('TopK', () => {
  it('keeps what sorting and slicing keeps, for random inputs with ties', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const order = (a: [number, number], b: [number, number]) => b[0] - a[0] || a[1] - b[1];
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(rnd() * 300);
      const k = Math.floor(rnd() * 40);
      const items = Array.from({ length: n }, (_, i) => [Math.floor(rnd() * 20), i] as [number, number]);
      const top = new TopK(k, order);
      for (const item of items) top.offer(item);
      expect(top.sorted(), `run ${run}: n ${n}, k ${k}`).toEqual([...items].sort(order).slice(0, k));
    }
  });
});

describe('listSagas on a store much larger than a page', () => {
  it('pages through 500 sagas in order, each once, with filters, as a full sort would', () => {
    const store = seeded(500);
    for (const filter of [{}, { status: 'completed' }, { sort: 'started' }] as Record<string, string>[]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = listSagas(store, q({ limit: '9', ...filter, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.items.map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const all = listSagas(store, q({ limit: '1000', ...filter }));
      expect(all.items.length).toBe(all.total);
      expect(seen, JSON.stringify(filter)).toEqual(all.items.map((s) => s.id));
      const key = filter.sort === 'started' ? 'startedAt' : 'updatedAt';
      const sorted = [...all.items].sort((a, b) => b[key] - a[key] || (a.id < b.id ? -1 : 1));
      expect(all.items.map((s) => s.id)).toEqual(sorted.map((s) => s.id));
    }
  });
});

describe('listSagas finding filter', () => {
  /** Six sagas without findings, one with a duplicate command, one with a reply to a step never started, one with both. */
  function withFindings(): SagaStore {
    const store = seeded(6);
    store.apply(ev('dup', 'step-started', 3_000, 'payment'));
    store.apply(ev('dup', 'step-started', 3_100, 'payment'));
    store.apply(ev('orphan', 'start', 3_000));
    store.apply(ev('orphan', 'step-completed', 3_200, 'shipping'));
    store.apply(ev('both', 'step-completed', 3_000, 'shipping'));
    store.apply(ev('both', 'step-started', 3_300, 'payment'));
    store.apply(ev('both', 'step-started', 3_400, 'payment'));
    return store;
  }

  it.each([
    ['duplicate-command', ['both', 'dup']],
    ['reply-without-request', ['both', 'orphan']],
    ['duplicate-command, reply-without-request', ['both', 'dup', 'orphan']],
    ['uncompensated', []],
  ])('finding=%s lists %j', (finding, ids) => {
    const page = listSagas(withFindings(), q({ finding }));
    expect(page.items.map((s) => s.id).sort()).toEqual(ids);
    expect(page.total).toBe(ids.length);
  });

  it('combines with the other filters, and every summary carries its kinds', () => {
    const store = withFindings();
    const page = listSagas(store, q({ finding: 'duplicate-command', q: 'bo' }));
    expect(page.items.map((s) => [s.id, s.findings])).toEqual([['both', ['reply-without-request', 'duplicate-command']]]);
    expect(listSagas(store, q({ finding: 'reply-without-request', status: 'completed' })).total).toBe(0);
    expect(listSagas(store, q({})).items.find((s) => s.id === 'o-000')!.findings).toEqual([]);
  });

  it.each(['nope', '', ',', 'uncompensated,bogus'])('rejects finding=%j', (finding) => {
    expect(SagaListQuery.safeParse({ finding }).success).toBe(false);
  });
});
