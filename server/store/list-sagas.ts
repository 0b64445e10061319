import type { SagaListQuery, SagaListResponse, SagaSummary } from '../../lib/wire/rest';
import type { SagaState } from '../../lib/saga/saga-state';
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
 * The first `k` of `items` in `order`, sorted: a heap of the k best so far whose root is the worst of them, so a
 * page of 50 out of 100,000 sagas costs a pass and a few comparisons per saga instead of sorting them all.
 */
export function firstInOrder<T>(items: readonly T[], k: number, order: Order<T>): T[] {
  if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
  const heap: T[] = [];
  const worse = (i: number, j: number) => order(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(l, w)) w = l;
      if (r < heap.length && worse(r, w)) w = r;
      if (w === i) return;
      swap(i, w);
      i = w;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (k > 0 && order(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(order);
}

/**
 * Newest activity first (or newest start), with a keyset cursor: a page boundary is a (time, id) pair, so sagas
 * that change between two requests are neither skipped nor repeated within one listing order. Filters read the
 * sagas' state; summaries are built for the page only.
 */
export function listSagas(store: SagaStore, q: SagaListQuery): SagaListResponse {
  const after = q.cursor !== undefined ? decodeCursor(q.cursor) : null;
  const statuses = q.status ? new Set(q.status) : null;
  const types = q.type ? new Set(q.type) : null;
  const steps = q.step ? new Set(q.step) : null;
  const findings = q.finding ? new Set(q.finding) : null;
  const prefix = q.q?.trim() ?? '';
  const key = (s: SagaState) => (q.sort === 'started' ? s.startedAt : s.updatedAt);
  const order: Order<SagaState> = (a, b) => key(b) - key(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  let total = 0;
  const rest: SagaState[] = [];
  for (const s of store.sagas.values()) {
    if (prefix !== '' && !s.id.startsWith(prefix)) continue;
    if (statuses && !statuses.has(store.stuck.has(s.id) ? 'stuck' : s.status)) continue;
    if (types && !types.has(s.type)) continue;
    if (steps && (s.currentStep === null || !steps.has(s.currentStep))) continue;
    if (findings && !store.findings.hasAny(s.id, findings)) continue;
    total += 1;
    if (after) {
      const [v, id] = after;
      if (!(key(s) < v || (key(s) === v && s.id > id))) continue;
    }
    rest.push(s);
  }
  const page = firstInOrder(rest, q.limit, order);
  const items = page.map((s) => store.summary(s.id)!);
  const last = page[page.length - 1];
  const nextCursor = last && rest.length > q.limit ? encodeCursor(key(last), last.id) : null;
  return { items, total, nextCursor };
}
