import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NO_FILTERS } from '../../lib/saga-list/filters';
import { summary } from '../../testing/fixtures/summaries';
import { MAX_HELD } from '../../lib/saga-list/held';
import type { ListPages } from '../../lib/saga-list/pages';
import { queryKeys, type SagaListFilters } from '../../lib/query-keys';
import { renderHookWithClient } from '../../testing/components/render';
import { listPage } from '../../testing/components/wire-fixtures';
import { useLiveList } from './use-live-list';

const s = (id: string, updatedAt: number) => summary(id, { updatedAt });
/** Two pages sorted by last update: o-4 (t=40) first. */
const twoPages = (): ListPages => ({
  pages: [listPage([s('o-4', 40), s('o-3', 30)], { total: 4, nextCursor: 'c1' }), listPage([s('o-2', 20), s('o-1', 10)], { total: 4 })],
  pageParams: [null, 'c1'],
});

function setup(o: { atTop?: boolean; filters?: SagaListFilters } = {}) {
  let atTop = o.atTop ?? true;
  const scrollToTop = vi.fn();
  const h = renderHookWithClient((f: SagaListFilters) => useLiveList(f, () => atTop, scrollToTop), { initialProps: o.filters ?? NO_FILTERS });
  const key = (f: SagaListFilters = NO_FILTERS) => queryKeys.sagaList(f);
  h.client.setQueryData(key(), twoPages());
  const ids = (f?: SagaListFilters) => h.client.getQueryData<ListPages>(key(f))?.pages.flatMap((p) => p.items.map((x) => x.id));
  return { ...h, scrollToTop, key, ids, setAtTop: (v: boolean) => (atTop = v) };
}

describe('useLiveList', () => {
  it('patches the cached list with each live batch at the top', () => {
    const { live, ids, result } = setup();
    live.flush([s('n-1', 90), s('o-2', 95)]);
    expect(ids()).toEqual(['n-1', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(result.current.newCount).toBe(0);
  });

  it('counts new sagas held back while scrolled away and shows them on request', () => {
    const { live, ids, result, scrollToTop } = setup({ atTop: false });
    live.flush([s('n-1', 90), s('n-2', 91)]);
    expect(ids()).toEqual(['o-4', 'o-3', 'o-2', 'o-1']);
    expect(result.current.newCount).toBe(2);
    act(() => result.current.showNew());
    expect(scrollToTop).toHaveBeenCalled();
    expect(ids()).toEqual(['n-2', 'n-1', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(result.current.newCount).toBe(0);
  });

  it('puts held-back sagas in when the user reaches the top', () => {
    const { live, ids, result, setAtTop } = setup({ atTop: false });
    live.flush([s('n-1', 90)]);
    setAtTop(true);
    act(() => result.current.reachedTop());
    expect(ids()?.[0]).toBe('n-1');
  });

  it('holds every change while paused and applies them on resume', () => {
    const { live, ids, result } = setup();
    act(() => result.current.setPaused(true));
    live.flush([s('n-1', 90)]);
    live.flush([s('o-1', 99)]);
    expect(result.current).toMatchObject({ paused: true, heldCount: 2 });
    expect(ids()).toEqual(['o-4', 'o-3', 'o-2', 'o-1']);
    act(() => result.current.setPaused(false));
    expect(result.current).toMatchObject({ paused: false, heldCount: 0 });
    expect(ids()).toEqual(['n-1', 'o-4', 'o-3', 'o-2', 'o-1']);
  });

  it('reloads only the first page, at the top, when more was held back than patching is worth', () => {
    const { live, ids, result, client, key, scrollToTop, setAtTop } = setup({ atTop: false });
    live.flush(Array.from({ length: MAX_HELD + 1 }, (_, i) => s(`n-${i}`, 100 + i)));
    expect(result.current.newCount).toBe(MAX_HELD + 1);
    setAtTop(true);
    live.flush([]);
    expect(ids()).toEqual(['o-4', 'o-3']);
    expect(client.getQueryState(key())?.isInvalidated).toBe(true);
    expect(scrollToTop).toHaveBeenCalled();
    expect(result.current.newCount).toBe(0);
  });

  it('trims a list nobody shows any more to one page, to be refetched when shown again', () => {
    const { rerender, client, key, ids, live } = setup();
    const stuck = { ...NO_FILTERS, status: ['stuck'] };
    client.setQueryData(key(stuck), twoPages());
    rerender(stuck);
    expect(ids()).toEqual(['o-4', 'o-3']);
    expect(client.getQueryState(key())?.isInvalidated).toBe(true);
    // Batches now patch the list shown: a stuck saga goes into it, and nothing into the one left.
    live.flush([summary('n-1', { updatedAt: 90, status: 'stuck' })]);
    expect(ids(stuck)?.[0]).toBe('n-1');
    expect(ids()).toEqual(['o-4', 'o-3']);
  });

  it('stops listening when unmounted', () => {
    const { live, unmount } = setup();
    expect(live.listenerCount()).toBe(1);
    unmount();
    expect(live.listenerCount()).toBe(0);
  });
});
