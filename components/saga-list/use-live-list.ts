'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyHeld, hold } from '../../lib/saga-list/held';
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
  /** Changes received while paused. */
  heldCount: number;
  /** Scrolls to the top and shows the held-back new sagas. */
  showNew(): void;
  /** Call when the user reaches the top: held-back new sagas go in without waiting for the next batch. */
  reachedTop(): void;
}

/** Patches the loaded list from the live feed without moving what the user reads; see patchPages. */
export function useLiveList(filters: SagaListFilters, isAtTop: () => boolean, scrollToTop: () => void): LiveList {
  const qc = useQueryClient();
  const key = queryKeys.sagaList(filters);
  const pending = useRef(emptyHeld());
  const held = useRef(emptyHeld());
  const pausedRef = useRef(false);
  const [paused, setPausedState] = useState(false);
  const [counts, setCounts] = useState({ newCount: 0, heldCount: 0 });
  const syncCounts = useCallback(() => {
    const next = { newCount: pending.current.count, heldCount: held.current.count };
    setCounts((c) => (c.newCount === next.newCount && c.heldCount === next.heldCount ? c : next));
  }, []);

  const reloadFirstPage = () => {
    pending.current = emptyHeld();
    qc.setQueryData<ListPages>(key, firstPageOnly);
    void qc.invalidateQueries({ queryKey: key, exact: true });
    scrollToTop();
    syncCounts();
  };

  const apply = (changed: readonly SagaSummary[], atTop: boolean) => {
    if (atTop && pending.current.refetch) return reloadFirstPage();
    const data = qc.getQueryData<ListPages>(key);
    if (!data) return;
    let batch = changed;
    if (atTop && pending.current.sagas.size > 0) {
      const merged = new Map(pending.current.sagas);
      for (const s of changed) merged.set(s.id, s);
      batch = [...merged.values()];
      pending.current = emptyHeld();
    }
    const r = patchPages(data, batch, filters, { atTop });
    if (r.data !== data) qc.setQueryData(key, r.data);
    hold(pending.current, r.pending, false);
    syncCounts();
  };

  useLiveSagas((changed, refetch) => {
    if (pausedRef.current) {
      hold(held.current, changed, refetch);
      syncCounts();
    } else if (refetch) {
      // The live provider has already invalidated every list: the refetch brings the held-back sagas too.
      pending.current = emptyHeld();
      syncCounts();
    } else {
      apply(changed, isAtTop());
    }
  });

  const filterKey = JSON.stringify(key);
  useEffect(() => {
    pending.current = emptyHeld();
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
    const h = held.current;
    held.current = emptyHeld();
    if (h.refetch) reloadFirstPage();
    else apply([...h.sagas.values()], isAtTop());
    syncCounts();
  };

  const showNew = () => {
    scrollToTop();
    apply([], true);
  };
  const reachedTop = () => {
    if (!pausedRef.current && pending.current.count > 0) apply([], true);
  };

  return { paused, setPaused, ...counts, showNew, reachedTop };
}
