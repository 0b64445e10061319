import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../lib/saga-list/filters';
import type { SagaListFilters } from '../../lib/query-keys';
import { summary } from '../../testing/fixtures/summaries';
import { SagaListResponse } from '../../lib/wire/rest';
import { answer, fakeFetch, invalidAnswer } from '../../testing/components/fake-fetch';
import { renderHookWithClient } from '../../testing/components/render';
import { listPage } from '../../testing/components/wire-fixtures';
import { FIRST_PAGE_SIZE, NEXT_PAGE_SIZE, useSagaPages } from './use-saga-pages';

const first = listPage([summary('o-2'), summary('o-1')], { total: 3, nextCursor: 'after-o-1' });
const second = listPage([summary('o-0')], { total: 3 });
/** Every field read at render: tanstack re-renders only for the fields a render read, and tests read them later. */
const usePages = (f: SagaListFilters) => ({ ...useSagaPages(f) });

describe('useSagaPages', () => {
  it('asks for a large first page, then the next one from the cursor the server gave', async () => {
    const api = fakeFetch().on('GET', '/api/sagas', (req) => answer(SagaListResponse, req.query.get('cursor') === 'after-o-1' ? second : first));
    const { result } = renderHookWithClient(() => usePages({ ...NO_FILTERS, status: ['stuck'] }));
    await waitFor(() => expect(result.current.hasNextPage).toBe(true));
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.hasNextPage).toBe(false));
    expect(result.current.data?.pages.map((p) => p.items.map((s) => s.id))).toEqual([['o-2', 'o-1'], ['o-0']]);
    const asked = api.requests('GET', '/api/sagas').map((r) => Object.fromEntries(r.query));
    expect(asked).toEqual([
      { status: 'stuck', sort: 'updated', limit: String(FIRST_PAGE_SIZE) },
      { status: 'stuck', sort: 'updated', limit: String(NEXT_PAGE_SIZE), cursor: 'after-o-1' },
    ]);
  });

  it.each([
    ['a cursor that is not a string', { ...first, nextCursor: 42 }],
    ['no cursor at all', { items: first.items, total: 3 }],
  ])('fails the list instead of paging on %s', async (_name, body) => {
    fakeFetch().on('GET', '/api/sagas', invalidAnswer(body));
    const { result } = renderHookWithClient(() => usePages(NO_FILTERS));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.message).toMatch(/^unexpected response from \/api\/sagas\?/);
    expect(result.current.hasNextPage).toBe(false);
  });

  it('keeps the loaded page and reports a next page whose cursor does not parse', async () => {
    fakeFetch().on('GET', '/api/sagas', (req) => (req.query.has('cursor') ? invalidAnswer({ ...second, nextCursor: { after: 'o-0' } }) : answer(SagaListResponse, first)));
    const { result } = renderHookWithClient(() => usePages(NO_FILTERS));
    await waitFor(() => expect(result.current.hasNextPage).toBe(true));
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.isFetchNextPageError).toBe(true));
    expect(result.current.error?.message).toMatch(/^unexpected response from \/api\/sagas\?.*cursor=after-o-1/);
    expect(result.current.data?.pages).toHaveLength(1);
  });
});
