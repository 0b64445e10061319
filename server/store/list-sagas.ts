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
        if (order(heap[i]!, heap[up]!) <= 0) break;
        [heap[i], heap[up]] = [heap[up]!, heap[i]!];
        i = up;
      }
    } else if (k > 0 && order(item, heap[0]!) < 0) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < heap.length && order(heap[l]!, heap[w]!) > 0) w = l;
        if (r < heap.length && order(heap[r]!, heap[w]!) > 0) w = r;
        if (w === i) break;
        [heap[i], heap[w]] = [heap[w]!, heap[i]!];
        i = w;
      }
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.order);
  }
}

export function firstInOrder<T>(items: Iterable<T>, k: number, order: Order<T>): T[] {
  const top = new TopK(k, order);
  for (const item of items) top.offer(item);
  return top.sorted();
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
  let candidates = 0;
  const top = new TopK(q.limit, order);
  const started = q.sort === 'started';
  for (const s of store.sagas.values()) {
    if (prefix !== '' && !s.id.startsWith(prefix)) continue;
    if (statuses && !statuses.has(store.stuck.has(s.id) ? 'stuck' : s.status)) continue;
    if (types && !types.has(s.type)) continue;
    if (steps && (s.currentStep === null || !steps.has(s.currentStep))) continue;
    if (findings && !store.findings.hasAny(s.id, findings)) continue;
    total += 1;
    const k = started ? s.startedAt : s.updatedAt;
    if (after) {
      const [v, id] = after;
      if (!(k < v || (k === v && s.id > id))) continue;
    }
    candidates += 1;
    // Most sagas are older than the page's worst: one number comparison rules them out.
    const bar = top.bar;
    if (bar !== undefined && k < key(bar)) continue;
    top.offer(s);
  }
  const page = top.sorted();
  const items = page.map((s) => store.summary(s.id)!);
  const last = page[page.length - 1];
  const nextCursor = last && candidates > q.limit ? encodeCursor(key(last), last.id) : null;
  return { items, total, nextCursor };
}
