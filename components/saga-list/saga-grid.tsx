'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { matchesFilters } from '../../lib/saga-list/match';
import type { ListView } from '../../lib/saga-list/pages';
import type { SagaListFilters } from '../../lib/query-keys';
import { useNow } from '../alerts/use-now';
import { targetIndex } from '../../lib/saga-list/grid-keys';
import { GridHead } from './grid-head';
import { MoreRow } from './more-row';
import { SagaRow } from './saga-row';
import styles from './saga-list.module.css';

/** Fixed row height: the virtualizer never measures, so 100,000 rows cost what ~40 rendered rows cost. */
export const ROW_HEIGHT = 34;
/** Rows rendered beyond each edge of the viewport: fast wheel scrolling shows no blank gap. */
export const OVERSCAN = 12;
/** Ask for the next page this many rows (~10 screens) before the end, so it usually arrives before the user does. */
export const FETCH_AHEAD_ROWS = 200;

const rowHeight = () => ROW_HEIGHT;

interface Props {
  list: ListView;
  filters: SagaListFilters;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Placeholder rows of the previous filters are shown: do not page them. */
  previous: boolean;
  loadingMore: boolean;
  moreError: string | null;
  loadMore(): void;
  onScrollTop(): void;
}

/** The virtualized saga grid: one tab stop, arrows move the active row (tracked by saga id), Enter opens it. */
export function SagaGrid({ list, filters, scrollRef, previous, loadingMore, moreError, loadMore, onScrollTop }: Props) {
  const router = useRouter();
  const baseId = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  const lastActiveIndex = useRef(0);
  const now = useNow(true);
  // Virtual items are keyed by index (the default): sizes are fixed, and a key function would be called per row.
  const virtualizer = useVirtualizer({
    count: list.count + (list.hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: OVERSCAN,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (list.hasMore && !previous && !loadingMore && !moreError && lastIndex >= list.count - FETCH_AHEAD_ROWS) loadMore();
  }, [list.hasMore, list.count, previous, loadingMore, moreError, lastIndex, loadMore]);

  const activeIndex = activeId === null ? -1 : list.indexOf(activeId, lastActiveIndex.current);
  useEffect(() => {
    if (activeIndex >= 0) lastActiveIndex.current = activeIndex;
  }, [activeIndex]);
  const activeRendered = items.some((vi) => vi.index === activeIndex);
  // Per saga, not per index: a live insert above must not hand the active row's id to another saga.
  const rowDomId = (id: string) => `${baseId}-${encodeURIComponent(id)}`;
  const pick = useCallback((id: string) => setActiveId(id), []);

  const moveTo = (index: number) => {
    const saga = list.rowAt(index);
    if (!saga) return;
    setActiveId(saga.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      const saga = list.rowAt(activeIndex);
      if (!saga) return;
      e.preventDefault();
      router.push(`/sagas/${encodeURIComponent(saga.id)}`);
      return;
    }
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const next = targetIndex(e.key, activeIndex, list.count, pageRows);
    if (next === null) return;
    e.preventDefault();
    moveTo(next);
  };

  const seen = new Set<string>();
  return (
    <div
      role="grid"
      aria-label="Saga list"
      aria-rowcount={list.total + 1}
      aria-activedescendant={activeRendered && activeId !== null ? rowDomId(activeId) : undefined}
      tabIndex={0}
      className={styles.grid}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && activeIndex < 0) moveTo(items.find((vi) => vi.index < list.count)?.index ?? 0);
      }}
    >
      <GridHead />
      <div ref={scrollRef} className={styles.body} onScroll={(e) => e.currentTarget.scrollTop === 0 && onScrollTop()}>
        <div role="rowgroup" className={styles.sizer} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi) => {
            const saga = list.rowAt(vi.index);
            if (!saga) return <MoreRow key="more" index={vi.index} top={vi.start} error={moreError} onRetry={loadMore} />;
            // A saga listed twice (a page overlapping a live insert) must not share a React key.
            const key = seen.has(saga.id) ? `${saga.id}#${vi.index}` : saga.id;
            seen.add(saga.id);
            return (
              <SagaRow
                key={key}
                saga={saga}
                index={vi.index}
                top={vi.start}
                domId={key === saga.id ? rowDomId(saga.id) : undefined}
                active={vi.index === activeIndex}
                stale={!matchesFilters(saga, filters)}
                now={now}
                onPick={pick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
