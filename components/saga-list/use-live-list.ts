'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { initialLiveList, stepLiveList, type LiveListInput, type LiveListState } from '../../lib/saga-list/live-list';
import { firstPageOnly, type ListPages } from '../../lib/saga-list/pages';
import { queryKeys, type SagaListFilters } from '../../lib/query-keys';
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

type Shown = Pick<LiveList, 'paused' | 'newCount' | 'heldCount'>;
const shownOf = (s: LiveListState): Shown => ({ paused: s.paused, newCount: s.pending.count, heldCount: s.held.count });

/** Patches the loaded list from the live feed without moving what the user reads; stepLiveList decides how. */
export function useLiveList(filters: SagaListFilters, isAtTop: () => boolean, scrollToTop: () => void): LiveList {
  const qc = useQueryClient();
  const key = queryKeys.sagaList(filters);
  // In a ref, not state: batches arrive four times a second and each must see the previous one's outcome at once.
  const state = useRef(initialLiveList());
  const [shown, setShown] = useState(() => shownOf(initialLiveList()));

  const run = (input: LiveListInput) => {
    const out = stepLiveList(state.current, input, qc.getQueryData<ListPages>(key), filters);
    state.current = out.state;
    if (out.reload) {
      qc.setQueryData<ListPages>(key, firstPageOnly);
      void qc.invalidateQueries({ queryKey: key, exact: true });
    } else if (out.data) {
      qc.setQueryData(key, out.data);
    }
    if (out.scrollToTop) scrollToTop();
    const next = shownOf(out.state);
    setShown((c) => (c.paused === next.paused && c.newCount === next.newCount && c.heldCount === next.heldCount ? c : next));
  };
  const runRef = useRef(run);
  runRef.current = run;
  const keyRef = useRef(key);
  keyRef.current = key;

  useLiveSagas((changed, refetch) => run({ kind: 'batch', changed, refetch, atTop: isAtTop() }));

  const filterKey = JSON.stringify(key);
  useEffect(() => {
    runRef.current({ kind: 'filters-changed' });
    const shownKey = keyRef.current; // the key of the render that ran this effect, i.e. of `filterKey`
    // Once nobody shows this list, nobody patches it: keep one page, and refetch it when it is shown again.
    return () => {
      qc.setQueryData<ListPages>(shownKey, firstPageOnly);
      void qc.invalidateQueries({ queryKey: shownKey, exact: true, refetchType: 'none' });
    };
  }, [filterKey, qc]);

  return {
    ...shown,
    setPaused: (paused) => run(paused ? { kind: 'pause' } : { kind: 'resume', atTop: isAtTop() }),
    showNew: () => run({ kind: 'show-new' }),
    reachedTop: () => run({ kind: 'reached-top' }),
  };
}
