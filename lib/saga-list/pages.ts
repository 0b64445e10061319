import type { SagaListResponse, SagaSummary } from '../wire/rest';

/** The infinite-query cache of one list (structurally tanstack's InfiniteData, without importing it into lib/). */
export interface ListPages {
  pages: SagaListResponse[];
  pageParams: unknown[];
}

/** Loaded rows read in place: up to 100,000 rows, so nothing here copies or indexes every row per update. */
export interface ListView {
  /** Loaded rows. */
  count: number;
  /** Matches on the server, as of the latest page (adjusted by live patches). */
  total: number;
  hasMore: boolean;
  rowAt(index: number): SagaSummary | undefined;
  /** Index of a loaded saga or -1, searched outward from `hint` (where it was last seen): live inserts move it a little. */
  indexOf(id: string, hint?: number): number;
}

export function listView(data: ListPages | undefined): ListView {
  const pages = data?.pages ?? [];
  const starts: number[] = [];
  let count = 0;
  for (const p of pages) {
    starts.push(count);
    count += p.items.length;
  }
  const rowAt = (index: number): SagaSummary | undefined => {
    if (index < 0 || index >= count) return undefined;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return pages[lo].items[index - starts[lo]];
  };
  const indexOf = (id: string, hint = 0): number => {
    const from = Math.min(Math.max(0, hint), Math.max(0, count - 1));
    for (let d = 0; from - d >= 0 || from + d < count; d++) {
      if (rowAt(from + d)?.id === id) return from + d;
      if (d > 0 && rowAt(from - d)?.id === id) return from - d;
    }
    return -1;
  };
  const last = pages.at(-1);
  return { count, total: last?.total ?? 0, hasMore: (last?.nextCursor ?? null) !== null, rowAt, indexOf };
}

/** Keeps only the first page, so a refetch reloads one page instead of every page scrolled through. */
export function firstPageOnly(data: ListPages | undefined): ListPages | undefined {
  if (!data || data.pages.length <= 1) return data;
  return { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) };
}
