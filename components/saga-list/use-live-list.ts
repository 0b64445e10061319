'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { firstPageOnly, type ListPages } from '../../lib/saga-list/pages';
import { patchPages } from '../../lib/saga-list/patch-pages';
import { queryKeys, type SagaListFilters } from '../../lib/query-keys';
import type { SagaSummary } from '../../lib/wire/rest';
import { useLiveSagas } from '../live/live-context';

export interface LiveList {
  paused: boolean;
  setPaused(paused: boolean): void;
  /** New matching sagas held back because the user is not at the top. */
  newCount: number;
  /** Changed sagas received while paused. */
  heldCount: number;
  /** Scrolls to the top and inserts the held-back new sagas. */
  showNew(): void;
  /** Call when the user reaches the top: held-back new sagas go in without waiting for the next batch. */
  reachedTop(): void;
}

/** Patches the loaded list from the live feed without moving what the user reads; see patchPages. */
export function useLiveList(filters: SagaListFilters, isAtTop: () => boolean, scrollToTop: () => void): LiveList {
  const qc = useQueryClient();
  const key = queryKeys.sagaList(filters);
  const pending = useRef(new Map<string, SagaSummary>());
  const held = useRef({ sagas: new Map<string, SagaSummary>(), refetch: false });
  const pausedRef = useRef(false);
  const [paused, setPausedState] = useState(false);
  const [counts, setCounts] = useState({ newCount: 0, heldCount: 0 });
  const syncCounts = useCallback(() => {
    const next = { newCount: pending.current.size, heldCount: held.current.sagas.size };
    setCounts((c) => (c.newCount === next.newCount && c.heldCount === next.heldCount ? c : next));
  }, []);

  const apply = (changed: SagaSummary[], atTop: boolean) => {
    const data = qc.getQueryData<ListPages>(key);
    if (!data) return;
    let batch = changed;
    if (atTop && pending.current.size > 0) {
      const merged = new Map(pending.current);
      for (const s of changed) merged.set(s.id, s);
      batch = [...merged.values()];
      pending.current.clear();
    }
    const r = patchPages(data, batch, filters, { atTop });
    if (r.data !== data) qc.setQueryData(key, r.data);
    for (const s of r.pending) pending.current.set(s.id, s);
    syncCounts();
  };

  useLiveSagas((changed, refetch) => {
    if (pausedRef.current) {
      for (const s of changed) held.current.sagas.set(s.id, s);
      held.current.refetch ||= refetch;
      syncCounts();
    } else if (refetch) {
      // The live provider has already invalidated every list: the refetch brings the held-back sagas too.
      pending.current.clear();
      syncCounts();
    } else {
      apply(changed, isAtTop());
    }
  });

  const filterKey = JSON.stringify(key);
  useEffect(() => {
    pending.current.clear();
    syncCounts();
    const shown = key; // the key of the render that ran this effect, i.e. of `filterKey`
    // Once nobody shows this list, nobody patches it: keep one page, and refetch it when it is shown again.
    return () => {
      qc.setQueryData<ListPages>(shown, firstPageOnly);
      void qc.invalidateQueries({ queryKey: shown, exact: true, refetchType: 'none' });
    };
  }, [filterKey, syncCounts, qc]);

  const setPaused = (next: boolean) => {
    pausedRef.current = next;
    setPausedState(next);
    if (next) return;
    const { sagas, refetch } = held.current;
    held.current = { sagas: new Map(), refetch: false };
    if (refetch) {
      pending.current.clear();
      qc.setQueryData<ListPages>(key, firstPageOnly);
      void qc.invalidateQueries({ queryKey: key, exact: true });
      scrollToTop();
      syncCounts();
    } else {
      apply([...sagas.values()], isAtTop());
    }
  };

  const showNew = () => {
    scrollToTop();
    apply([], true);
  };
  const reachedTop = () => {
    if (!pausedRef.current && pending.current.size > 0) apply([], true);
  };

  return { paused, setPaused, ...counts, showNew, reachedTop };
}
