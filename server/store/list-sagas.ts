import type { SagaListQuery, SagaListResponse } from '../../lib/wire/rest';
import type { SagaStore } from './saga-store';

export class BadCursorError extends Error {}

function encodeCursor(sortValue: number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the error below
  }
  throw new BadCursorError('cursor is not one this server issued; start again without it');
}

/** a before b in listing order: newer first, then by id. */
type Order<T> = (a: T, b: T) => number;

/**
 * The first `k` items offered, in `order`: a heap of the k best so far whose root is the worst of them, so a page of
 * 50 out of 100,000 sagas costs a pass and a few comparisons per saga instead of sorting them all, and no array of
 * every match is built on the way.
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly order: Order<T>,
  ) {}

  /** The worst item kept once k are kept, else undefined: anything not before it can be skipped unseen. */
  get bar(): T | undefined {
    return this.heap.length === this.k ? this.heap[0] : undefined;
  }

  offer(item: T): void {
    const { heap, k, order } = this;
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const up = (i - 1) >> 1;
        if (order(heap[i], heap[up]) <= 0) break;
        [heap[i], heap[up]] = [heap[up], heap[i]];
        i = up;
      }
    } else if (k > 0 && order(item, heap[0]) < 0) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < heap.length && order(heap[l], heap[w]) > 0) w = l;
        if (r < heap.length && order(heap[r], heap[w]) > 0) w = r;
        if (w === i) break;
        [heap[i], heap[w]] = [heap[w], heap[i]];
        i = w;
      }
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.order);
  }
}

/**
 * Newest activity first (or newest start), with a keyset cursor: a page boundary is a (time, id) pair, so sagas
 * that change between two requests are neither skipped nor repeated within one listing order. Status, type and step
 * are read from the store's index (typed arrays); summaries are built for the page only.
 */
export function listSagas(store: SagaStore, q: SagaListQuery): SagaListResponse {
  const after = q.cursor !== undefined ? decodeCursor(q.cursor) : null;
  const findings = q.finding ? new Set(q.finding) : null;
  const prefix = q.q?.trim() ?? '';
  let total = 0;
  let candidates = 0;
  const top = new TopK<[key: number, id: string]>(q.limit, (a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  store.index.scan({ statuses: q.status ?? null, types: q.type ?? null, steps: q.step ?? null, sort: q.sort }, (id, key) => {
    if (prefix !== '' && !id.startsWith(prefix)) return;
    if (findings && !store.findings.hasAny(id, findings)) return;
    total += 1;
    if (after && !(key < after[0] || (key === after[0] && id > after[1]))) return;
    candidates += 1;
    // Most sagas are older than the page's worst: one number comparison rules them out.
    const bar = top.bar;
    if (bar !== undefined && key < bar[0]) return;
    top.offer([key, id]);
  });
  const page = top.sorted();
  const items = page.map(([, id]) => store.summary(id)!);
  const last = page[page.length - 1];
  const nextCursor = last && candidates > q.limit ? encodeCursor(last[0], last[1]) : null;
  return { items, total, nextCursor };
}
