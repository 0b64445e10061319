'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { filtersToSearch, parseListFilters } from '../../lib/saga-list/filters';
import type { SagaListFilters } from '../../lib/query-keys';

/**
 * The list's filters, read from and written to the URL query, so reloads, links and back/forward keep them.
 * Written with history.replaceState, which Next's router syncs into useSearchParams without a server round trip
 * (router.replace would refetch the page's server components on every filter change) and without scrolling.
 */
export function useListFilters(): [SagaListFilters, (next: SagaListFilters) => void] {
  const search = useSearchParams().toString();
  const filters = useMemo(() => parseListFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback((next: SagaListFilters) => {
    const qs = filtersToSearch(new URLSearchParams(window.location.search), next);
    window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`);
  }, []);
  return [filters, setFilters];
}
