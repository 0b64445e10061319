import { describe, expect, it } from 'vitest';
import type { SagaListFilters } from '../query-keys';
import type { SagaSummary } from '../wire/rest';
import { summary } from '../../testing/fixtures/summaries';
import { NO_FILTERS } from './filters';
import { listView, type ListPages } from './pages';
import { patchPages } from './patch-pages';

/** Two loaded pages of a list sorted by last update: o-5 (t=50) down to o-1 (t=10). */
function loaded(opts: { more?: boolean; total?: number } = {}): ListPages {
  const s = (n: number) => summary(`o-${n}`, { startedAt: n * 10, updatedAt: n * 10 });
  const total = opts.total ?? 5;
  return {
    pages: [
      { items: [s(5), s(4), s(3)], total, nextCursor: 'c1' },
      { items: [s(2), s(1)], total, nextCursor: opts.more ? 'c2' : null },
    ],
    pageParams: [null, 'c1'],
  };
}

const ids = (d: ListPages) => d.pages.flatMap((p) => p.items.map((s) => s.id));
const total = (d: ListPages) => listView(d).total;
const patch = (d: ListPages, changed: SagaSummary[], f: Partial<SagaListFilters> = {}, atTop = true) =>
  patchPages(d, changed, { ...NO_FILTERS, ...f }, { atTop });

describe('patchPages', () => {
  it('returns the same data when nothing changed', () => {
    const d = loaded();
    expect(patch(d, []).data).toBe(d);
    expect(patch(d, [d.pages[0].items[1]]).data).toBe(d);
  });

  it('updates a loaded row where it is, even when its new time would sort it first', () => {
    const d = loaded();
    const moved = summary('o-2', { updatedAt: 99, status: 'stuck' });
    const r = patch(d, [moved]);
    expect(ids(r.data)).toEqual(['o-5', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(listView(r.data).rowAt(3)).toBe(moved);
    expect(total(r.data)).toBe(5);
    expect(r.pending).toEqual([]);
  });

  it('does not mutate the cache it was given', () => {
    const d = loaded();
    const before = JSON.stringify(d);
    patch(d, [summary('o-2', { updatedAt: 99 }), summary('n-1', { updatedAt: 100 })]);
    expect(JSON.stringify(d)).toBe(before);
  });

  it('inserts new matching sagas at the top when the user is there, newest first, and counts them', () => {
    const r = patch(loaded(), [summary('n-1', { updatedAt: 60 }), summary('n-2', { updatedAt: 70 })]);
    expect(ids(r.data)).toEqual(['n-2', 'n-1', 'o-5', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(total(r.data)).toBe(7);
  });

  it('holds new sagas back as pending when the user scrolled away, changing nothing', () => {
    const d = loaded();
    const fresh = summary('n-1', { updatedAt: 60 });
    const r = patch(d, [fresh], {}, false);
    expect(r.data).toBe(d);
    expect(r.pending).toEqual([fresh]);
  });

  it('still updates loaded rows while holding new ones back', () => {
    const r = patch(loaded(), [summary('o-4', { status: 'failed' }), summary('n-1', { updatedAt: 60 })], {}, false);
    expect(listView(r.data).rowAt(1)!.status).toBe('failed');
    expect(r.pending.map((s) => s.id)).toEqual(['n-1']);
  });

  it('ignores new sagas that do not match the filters', () => {
    const d = loaded();
    const r = patch(d, [summary('n-1', { updatedAt: 60, status: 'completed' })], { status: ['in_progress'] });
    expect(r.data).toBe(d);
    expect(r.pending).toEqual([]);
  });

  it('keeps a row that stops matching in place and lowers the total; raises it again when it matches again', () => {
    const f = { status: ['in_progress' as const] };
    const r1 = patch(loaded(), [summary('o-3', { updatedAt: 60, status: 'completed' })], f);
    expect(ids(r1.data)).toContain('o-3');
    expect(total(r1.data)).toBe(4);
    const r2 = patch(r1.data, [summary('o-3', { updatedAt: 61, status: 'in_progress' })], f);
    expect(total(r2.data)).toBe(5);
  });

  it('leaves a saga that sorts after the last loaded row to the next page', () => {
    const d = loaded({ more: true, total: 9 });
    const old = summary('o-0', { startedAt: 1, updatedAt: 1 });
    const r = patch(d, [old], {}, false);
    expect(r.data).toBe(d);
    expect(r.pending).toEqual([]);
  });

  it('appends such a saga when every page is loaded', () => {
    const r = patch(loaded(), [summary('o-0', { startedAt: 1, updatedAt: 1 })]);
    expect(ids(r.data).at(-1)).toBe('o-0');
    expect(r.data.pages[1].items.at(-1)!.id).toBe('o-0');
  });

  it('inserts at its place in the order when sorted by start (an old saga that starts matching)', () => {
    const r = patch(loaded(), [summary('o-2b', { startedAt: 25, updatedAt: 90 })], { sort: 'started' });
    expect(ids(r.data)).toEqual(['o-5', 'o-4', 'o-3', 'o-2b', 'o-2', 'o-1']);
  });

  it('finds rows patched before (cached positions follow the copied pages)', () => {
    const r1 = patch(loaded(), [summary('n-1', { updatedAt: 60 })]);
    const updated = summary('o-5', { updatedAt: 61, status: 'failed' });
    const r2 = patch(r1.data, [updated, summary('n-1', { updatedAt: 62, status: 'stuck' })]);
    expect(ids(r2.data)).toEqual(['n-1', 'o-5', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(listView(r2.data).rowAt(0)!.status).toBe('stuck');
    expect(listView(r2.data).rowAt(1)).toBe(updated);
    expect(total(r2.data)).toBe(6);
  });

  it('inserts into an empty list', () => {
    const empty: ListPages = { pages: [{ items: [], total: 0, nextCursor: null }], pageParams: [null] };
    const r = patch(empty, [summary('n-1')]);
    expect(ids(r.data)).toEqual(['n-1']);
    expect(total(r.data)).toBe(1);
  });
});
