'use client';

import { useCallback, useEffect, useMemo, useRef } from 'react';
import { hasActiveFilters, NO_FILTERS } from '../../lib/saga-list/filters';
import { listView } from '../../lib/saga-list/pages';
import { useLive } from '../live/live-context';
import { ListEmpty, ListError, ListLoading } from './list-states';
import { ListStatus } from './list-status';
import { ListToolbar } from './list-toolbar';
import { ROW_HEIGHT, SagaGrid } from './saga-grid';
import { useFilterOptions } from './use-filter-options';
import { useHydrated } from './use-hydrated';
import { useListFilters } from './use-list-filters';
import { useLiveList } from './use-live-list';
import { useSagaPages } from './use-saga-pages';
import styles from './saga-list.module.css';

const CONNECTION_NOTE = {
  connecting: 'Connecting to live updates…',
  reconnecting: 'Live updates are interrupted while the monitor reconnects; the list may be out of date.',
} as const;

/** The overview's saga list: filters in the URL, keyset pages, patched in place by the live feed. */
export function SagaList() {
  const [filters, setFilters] = useListFilters();
  const query = useSagaPages(filters);
  const { connection } = useLive();
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = useMemo(() => listView(query.data), [query.data]);
  const hydrated = useHydrated();
  const options = useFilterOptions(query.data?.pages, filters, hydrated);

  const isAtTop = useCallback(() => (scrollRef.current?.scrollTop ?? 0) < ROW_HEIGHT, []);
  const scrollToTop = useCallback(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, []);
  const live = useLiveList(filters, isAtTop, scrollToTop);

  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    scrollToTop();
  }, [filterKey, scrollToTop]);

  const { fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const clear = () => setFilters({ ...NO_FILTERS, sort: filters.sort });
  const loaded = query.data !== undefined;
  const disconnected = hydrated && connection !== 'live';

  const state = !loaded ? (query.error ? 'error' : 'loading') : list.count > 0 ? 'rows' : query.isPlaceholderData ? 'loading' : 'empty';
  const frameClass = [styles.frame, disconnected && state === 'rows' && styles.dim, query.isPlaceholderData && styles.updating];

  return (
    <section aria-label="Sagas" className={`panel ${styles.area}`}>
      <ListToolbar filters={filters} types={options.types} steps={options.steps} onChange={setFilters} />
      <ListStatus total={loaded ? list.total : null} failed={query.isError} loaded={list.count} live={live} />
      {disconnected ? <p className={styles.note}>{CONNECTION_NOTE[connection]}</p> : null}
      {loaded && query.isRefetchError ? (
        <p className={styles.error} role="alert">
          Could not refresh the list: {query.error.message}{' '}
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      <div className={frameClass.filter(Boolean).join(' ')} aria-busy={query.isFetching && !query.isFetchingNextPage}>
        {state === 'error' ? <ListError message={query.error?.message ?? ''} onRetry={() => void query.refetch()} /> : null}
        {state === 'loading' ? <ListLoading /> : null}
        {state === 'empty' ? <ListEmpty filtered={hasActiveFilters(filters)} onClear={clear} /> : null}
        {state === 'rows' ? (
          <SagaGrid
            list={list}
            filters={filters}
            scrollRef={scrollRef}
            previous={query.isPlaceholderData}
            loadingMore={query.isFetchingNextPage}
            moreError={query.isFetchNextPageError ? query.error.message : null}
            loadMore={loadMore}
            onScrollTop={live.reachedTop}
          />
        ) : null}
      </div>
    </section>
  );
}
