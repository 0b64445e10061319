import type { SagaListFilters } from '../query-keys';
import type { SagaSummary } from '../wire/rest';
import { emptyHeld, hold, type Held } from './held';
import type { ListPages } from './pages';
import { patchPages } from './patch-pages';

/** What one shown list keeps between live batches. */
export interface LiveListState {
  /** New matching sagas held back because the user is not at the top. */
  pending: Held;
  /** Every change received while paused. */
  held: Held;
  paused: boolean;
}

export type LiveListInput =
  /** One flushed batch from the live provider; `refetch` means the provider already invalidated every list. */
  | { kind: 'batch'; changed: readonly SagaSummary[]; refetch: boolean; atTop: boolean }
  | { kind: 'pause' }
  | { kind: 'resume'; atTop: boolean }
  /** The user asked for the held-back new sagas: they go in at the top. */
  | { kind: 'show-new' }
  /** The user scrolled back to the top by themselves. */
  | { kind: 'reached-top' }
  /** The filters changed: what was held back belonged to the other list. */
  | { kind: 'filters-changed' };

export interface LiveListOutcome {
  state: LiveListState;
  /** Pages to store; absent when the cache stays as it is. */
  data?: ListPages;
  /** Keep only the first page and refetch it: a batch was missed or more was held than patching is worth. */
  reload: boolean;
  scrollToTop: boolean;
}

export const initialLiveList = (): LiveListState => ({ pending: emptyHeld(), held: emptyHeld(), paused: false });

/** hold() without touching `h`, so a state given in is never changed. */
const held = (h: Held, sagas: readonly SagaSummary[], refetch: boolean): Held => hold({ ...h, sagas: new Map(h.sagas) }, sagas, refetch);

const same = (state: LiveListState): LiveListOutcome => ({ state, reload: false, scrollToTop: false });

function reload(state: LiveListState): LiveListOutcome {
  return { state: { ...state, pending: emptyHeld() }, reload: true, scrollToTop: true };
}

/** Patches `data` with `changed`; at the top, what was held back goes in with it. */
function apply(state: LiveListState, changed: readonly SagaSummary[], atTop: boolean, data: ListPages | undefined, f: SagaListFilters): LiveListOutcome {
  if (atTop && state.pending.refetch) return reload(state);
  if (!data) return same(state);
  let batch = changed;
  let pending = state.pending;
  if (atTop && pending.sagas.size > 0) {
    const merged = new Map(pending.sagas);
    for (const s of changed) merged.set(s.id, s);
    batch = [...merged.values()];
    pending = emptyHeld();
  }
  const r = patchPages(data, batch, f, { atTop });
  const next = { ...state, pending: r.pending.length > 0 ? held(pending, r.pending, false) : pending };
  return { state: next, data: r.data !== data ? r.data : undefined, reload: false, scrollToTop: false };
}

/**
 * Decides what one live batch or user action does to a shown list, without moving what the user reads: loaded rows
 * are patched in place, new sagas wait until the user is at the top, and everything waits while paused.
 */
export function stepLiveList(state: LiveListState, input: LiveListInput, data: ListPages | undefined, f: SagaListFilters): LiveListOutcome {
  switch (input.kind) {
    case 'batch':
      if (state.paused) return same({ ...state, held: held(state.held, input.changed, input.refetch) });
      // The refetch the provider started brings the held-back sagas too.
      if (input.refetch) return same({ ...state, pending: emptyHeld() });
      return apply(state, input.changed, input.atTop, data, f);
    case 'pause':
      return same({ ...state, paused: true });
    case 'resume': {
      const resumed = { ...state, paused: false, held: emptyHeld() };
      if (state.held.refetch) return reload(resumed);
      return apply(resumed, [...state.held.sagas.values()], input.atTop, data, f);
    }
    case 'show-new':
      return { ...apply(state, [], true, data, f), scrollToTop: true };
    case 'reached-top':
      return !state.paused && state.pending.count > 0 ? apply(state, [], true, data, f) : same(state);
    case 'filters-changed':
      return same({ ...state, pending: emptyHeld() });
  }
}
