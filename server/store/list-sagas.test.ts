import { describe, expect, it } from 'vitest';
import { SagaListQuery } from '../../lib/wire/rest';
import { ev, ordersConfig } from '../test/events';
import { BadCursorError, listSagas } from './list-sagas';
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
