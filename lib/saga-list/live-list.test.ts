import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './filters';
import { summary } from '../../testing/fixtures/summaries';
import { emptyHeld, hold, MAX_HELD } from './held';
import { initialLiveList, stepLiveList, type LiveListInput, type LiveListState } from './live-list';
import type { ListPages } from './pages';

/** One loaded page sorted by last update, o-3 (t=30) first; a second page exists on the server. */
function loaded(): ListPages {
  const s = (n: number) => summary(`o-${n}`, { updatedAt: n * 10 });
  return { pages: [{ items: [s(3), s(2), s(1)], total: 3, nextCursor: null }], pageParams: [null] };
}
const ids = (d: ListPages | undefined) => d?.pages.flatMap((p) => p.items.map((s) => s.id));
const fresh = (id: string, updatedAt = 90) => summary(id, { updatedAt });
const step = (state: LiveListState, input: LiveListInput, data: ListPages | null = loaded()) => stepLiveList(state, input, data ?? undefined, NO_FILTERS);
const batch = (changed = [fresh('n-1')], o: { atTop?: boolean; refetch?: boolean } = {}): LiveListInput => ({
  kind: 'batch',
  changed,
  refetch: o.refetch ?? false,
  atTop: o.atTop ?? true,
});
const withPending = (...sagas: string[]): LiveListState => ({ ...initialLiveList(), pending: hold(emptyHeld(), sagas.map((id) => fresh(id)), false) });

describe('stepLiveList, live batches', () => {
  it('inserts a new saga at its place when the user is at the top', () => {
    const r = step(initialLiveList(), batch());
    expect(ids(r.data)).toEqual(['n-1', 'o-3', 'o-2', 'o-1']);
    expect(r.state.pending.count).toBe(0);
    expect(r).toMatchObject({ reload: false, scrollToTop: false });
  });

  it('holds a new saga back when the user has scrolled away, and still patches loaded rows in place', () => {
    const changed = summary('o-2', { updatedAt: 95, status: 'stuck' });
    const r = step(initialLiveList(), batch([fresh('n-1'), changed], { atTop: false }));
    expect(ids(r.data)).toEqual(['o-3', 'o-2', 'o-1']);
    expect(r.data!.pages[0].items[1]).toBe(changed);
    expect([...r.state.pending.sagas.keys()]).toEqual(['n-1']);
    expect(r.state.pending.count).toBe(1);
  });

  it('leaves the cache alone when nothing shown changed', () => {
    const data = loaded();
    const r = step(initialLiveList(), batch([data.pages[0].items[0]]), data);
    expect(r.data).toBeUndefined();
  });

  it('puts what was held back in with the next batch once the user is at the top', () => {
    const r = step(withPending('n-1'), batch([fresh('n-2', 95)]));
    expect(ids(r.data)).toEqual(['n-2', 'n-1', 'o-3', 'o-2', 'o-1']);
    expect(r.state.pending.count).toBe(0);
  });

  it('reloads the first page at the top once more was held back than patching is worth', () => {
    const many = Array.from({ length: MAX_HELD + 1 }, (_, i) => fresh(`n-${i}`));
    const away = step(initialLiveList(), batch(many, { atTop: false }));
    expect(away.state.pending).toMatchObject({ refetch: true, count: MAX_HELD + 1 });
    expect(away.reload).toBe(false);
    const top = step(away.state, batch([]));
    expect(top).toMatchObject({ reload: true, scrollToTop: true });
    expect(top.state.pending.count).toBe(0);
  });

  it('drops what was held back when the provider refetches every list', () => {
    const r = step(withPending('n-1'), batch([fresh('n-2')], { refetch: true }));
    expect(r.state.pending.count).toBe(0);
    expect(r.data).toBeUndefined();
    expect(r.reload).toBe(false);
  });

  it('does nothing before the list has loaded', () => {
    const state = withPending('n-1');
    const r = step(state, batch(), null);
    expect(r.state).toBe(state);
    expect(r.data).toBeUndefined();
  });

  it('never changes the state it is given', () => {
    const state = withPending('n-1');
    step(state, batch([fresh('n-2')], { atTop: false }));
    step({ ...state, paused: true }, batch([fresh('n-3')]));
    expect([...state.pending.sagas.keys()]).toEqual(['n-1']);
    expect(state.held.count).toBe(0);
  });
});

describe('stepLiveList, pause and resume', () => {
  const paused = () => step(initialLiveList(), { kind: 'pause' }).state;

  it('holds every change while paused and touches nothing shown', () => {
    const r = step(paused(), batch([fresh('n-1'), summary('o-1', { status: 'failed' })]));
    expect(r.data).toBeUndefined();
    expect(r.state.held.count).toBe(2);
    expect(r.state.paused).toBe(true);
  });

  it('applies what was held on resume', () => {
    const held = step(paused(), batch([fresh('n-1')])).state;
    const r = step(held, { kind: 'resume', atTop: true });
    expect(ids(r.data)).toEqual(['n-1', 'o-3', 'o-2', 'o-1']);
    expect(r.state).toMatchObject({ paused: false, held: { count: 0 } });
  });

  it('reloads on resume when a batch was missed while paused', () => {
    const held = step(paused(), batch([fresh('n-1')], { refetch: true })).state;
    expect(held.held).toMatchObject({ refetch: true, count: 1 });
    const r = step(held, { kind: 'resume', atTop: false });
    expect(r).toMatchObject({ reload: true, scrollToTop: true, state: { paused: false, held: { count: 0 } } });
  });

  it('ignores reaching the top while paused', () => {
    const state = { ...withPending('n-1'), paused: true };
    expect(step(state, { kind: 'reached-top' }).data).toBeUndefined();
  });
});

describe('stepLiveList, user actions', () => {
  it('shows the held-back sagas and scrolls to them', () => {
    const r = step(withPending('n-1'), { kind: 'show-new' });
    expect(ids(r.data)).toEqual(['n-1', 'o-3', 'o-2', 'o-1']);
    expect(r.scrollToTop).toBe(true);
  });

  it('puts held-back sagas in when the user scrolls back to the top', () => {
    expect(ids(step(withPending('n-1'), { kind: 'reached-top' }).data)).toEqual(['n-1', 'o-3', 'o-2', 'o-1']);
    const none = initialLiveList();
    expect(step(none, { kind: 'reached-top' }).state).toBe(none);
  });

  it('forgets held-back sagas of the previous filters, but not what a pause holds', () => {
    const state = { ...withPending('n-1'), held: hold(emptyHeld(), [fresh('n-2')], false) };
    const r = step(state, { kind: 'filters-changed' });
    expect(r.state.pending.count).toBe(0);
    expect(r.state.held.count).toBe(1);
  });
});
