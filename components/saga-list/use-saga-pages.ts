'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api/fetch-json';
import { sagaListApiUrl } from '../../lib/saga-list/filters';
import { queryKeys, type SagaListFilters } from '../../lib/query-keys';
import { MAX_PAGE_SIZE, SagaListResponse } from '../../lib/wire/rest';

/** The first page fills many screens and arrives fast; the next page is asked for only once the user scrolls. */
export const FIRST_PAGE_SIZE = 500;
/** Later pages are as large as the server allows: fewer requests (each one sorts every match) while scrolling far. */
export const NEXT_PAGE_SIZE = MAX_PAGE_SIZE;

/** The saga list as keyset pages; previous rows stay shown while new filters load. */
export function useSagaPages(filters: SagaListFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.sagaList(filters),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(sagaListApiUrl(filters, pageParam === null ? FIRST_PAGE_SIZE : NEXT_PAGE_SIZE, pageParam), SagaListResponse, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    // Up to 100,000 rows: a deep compare of every refetch and live patch would cost more than re-rendering ~30 rows.
    structuralSharing: false,
  });
}
