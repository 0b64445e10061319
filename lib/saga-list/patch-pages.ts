import type { SagaListFilters } from '../query-keys';
import type { SagaSummary } from '../wire/rest';
import { compareListed, matchesFilters } from './match';
import type { ListPages } from './pages';

export interface PatchOptions {
  /** The user sees the top of the list: new sagas may be inserted without moving what they are reading. */
  atTop: boolean;
}

export interface PatchResult {
  /** The same object when nothing changed. */
  data: ListPages;
  /** New matching sagas held back because the user is not at the top. */
  pending: SagaSummary[];
}

type Page = ListPages['pages'][number];

/**
 * Position of each saga in one page's items, computed once per items array (pages are immutable; a patch copies
 * the few it changes). A batch then costs a lookup per page and changed saga, not a pass over 100,000 rows.
 */
const positions = new WeakMap<readonly SagaSummary[], Map<string, number>>();
function positionsOf(items: readonly SagaSummary[]): Map<string, number> {
  let m = positions.get(items);
  if (!m) {
    m = new Map();
    for (let i = 0; i < items.length; i++) if (!m.has(items[i].id)) m.set(items[i].id, i);
    positions.set(items, m);
  }
  return m;
}

function locate(pages: readonly Page[], id: string): [number, number] | null {
  for (let pi = 0; pi < pages.length; pi++) {
    const i = positionsOf(pages[pi].items).get(id);
    if (i !== undefined) return [pi, i];
  }
  return null;
}

/**
 * Applies one live batch to a loaded list. Loaded rows are replaced where they are (never reordered, even when
 * they stop matching; the total drops instead). A matching saga that is not loaded is new to the user: inserted at
 * its place in the server's order when `atTop`, else returned as pending. One that sorts after the last loaded row
 * while more pages exist is left to the page that will bring it.
 */
export function patchPages(data: ListPages, changed: readonly SagaSummary[], f: SagaListFilters, o: PatchOptions): PatchResult {
  const original = data.pages;
  const pages = original.slice();
  const hasMore = (original.at(-1)?.nextCursor ?? null) !== null;
  let lastRow: SagaSummary | undefined;
  for (let pi = original.length - 1; pi >= 0 && !lastRow; pi--) lastRow = original[pi].items.at(-1);
  const copied = new Set<number>();
  const itemsOf = (pi: number) => {
    if (!copied.has(pi)) {
      pages[pi] = { ...pages[pi], items: pages[pi].items.slice() };
      copied.add(pi);
    }
    return pages[pi].items;
  };

  let delta = 0;
  const fresh: SagaSummary[] = [];
  for (const s of changed) {
    // Located in the pages as given: replacing rows moves nothing, and insertions come after this loop.
    const at = locate(original, s.id);
    if (at) {
      const old = pages[at[0]].items[at[1]];
      if (old === s) continue;
      itemsOf(at[0])[at[1]] = s;
      delta += Number(matchesFilters(s, f)) - Number(matchesFilters(old, f));
    } else if (matchesFilters(s, f) && !(hasMore && lastRow && compareListed(s, lastRow, f.sort) > 0)) {
      fresh.push(s);
    }
  }
  if (o.atTop && pages.length > 0) {
    for (const s of fresh.sort((a, b) => compareListed(a, b, f.sort))) insertInOrder(pages, itemsOf, s, f.sort);
    delta += fresh.length;
  }
  const pending = o.atTop && pages.length > 0 ? [] : fresh;
  if (copied.size === 0 && delta === 0) return { data, pending };
  // The total is read from the last page; other pages keep their objects (and their cached positions).
  if (delta !== 0) {
    const li = pages.length - 1;
    pages[li] = { ...pages[li], total: Math.max(0, pages[li].total + delta) };
  }
  return { data: { pages, pageParams: data.pageParams }, pending };
}

/** Before the first loaded row it would be listed before; after every row when there is none. */
function insertInOrder(pages: Page[], itemsOf: (pi: number) => SagaSummary[], s: SagaSummary, sort: SagaListFilters['sort']): void {
  for (let pi = 0; pi < pages.length; pi++) {
    const i = pages[pi].items.findIndex((r) => compareListed(s, r, sort) < 0);
    if (i !== -1) {
      itemsOf(pi).splice(i, 0, s);
      return;
    }
  }
  itemsOf(pages.length - 1).push(s);
}
