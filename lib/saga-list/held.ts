import type { SagaSummary } from '../wire/rest';

/**
 * Held-back sagas kept for patching, both while paused and while scrolled away; past this, reloading the first page
 * is cheaper than patching, and an idle tab's memory stays bounded.
 */
export const MAX_HELD = 5000;

/** Live changes not applied yet: the latest summary per saga, or, once too many or a batch was missed, a refetch. */
export interface Held {
  sagas: Map<string, SagaSummary>;
  /** Sagas held; past MAX_HELD (when `sagas` is dropped) a count of the changes since. */
  count: number;
  refetch: boolean;
}

export const emptyHeld = (): Held => ({ sagas: new Map(), count: 0, refetch: false });

export function hold(h: Held, sagas: readonly SagaSummary[], refetch: boolean, max = MAX_HELD): Held {
  h.refetch ||= refetch;
  if (h.refetch) {
    h.count += sagas.length;
    h.sagas.clear();
    return h;
  }
  for (const s of sagas) h.sagas.set(s.id, s);
  h.count = h.sagas.size;
  if (h.count > max) {
    h.refetch = true;
    h.sagas.clear();
  }
  return h;
}
