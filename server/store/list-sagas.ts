import type { SagaListQuery, SagaListResponse, SagaSummary } from '../../lib/wire/rest';
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

/**
 * Newest activity first (or newest start), with a keyset cursor: a page boundary is a (time, id) pair, so sagas
 * that change between two requests are neither skipped nor repeated within one listing order.
 */
export function listSagas(store: SagaStore, q: SagaListQuery): SagaListResponse {
  const after = q.cursor !== undefined ? decodeCursor(q.cursor) : null;
  const statuses = q.status ? new Set(q.status) : null;
  const types = q.type ? new Set(q.type) : null;
  const steps = q.step ? new Set(q.step) : null;
  const prefix = q.q?.trim() ?? '';
  const key = (s: SagaSummary) => (q.sort === 'started' ? s.startedAt : s.updatedAt);
  const matches: SagaSummary[] = [];
  for (const id of store.sagas.keys()) {
    if (prefix !== '' && !id.startsWith(prefix)) continue;
    const s = store.summary(id)!;
    if (statuses && !statuses.has(s.status)) continue;
    if (types && !types.has(s.type)) continue;
    if (steps && (s.currentStep === null || !steps.has(s.currentStep))) continue;
    matches.push(s);
  }
  matches.sort((a, b) => key(b) - key(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  if (after) {
    const [v, id] = after;
    start = matches.findIndex((s) => key(s) < v || (key(s) === v && s.id > id));
    if (start === -1) start = matches.length;
  }
  const items = matches.slice(start, start + q.limit);
  const last = items[items.length - 1];
  const nextCursor = last && start + q.limit < matches.length ? encodeCursor(key(last), last.id) : null;
  return { items, total: matches.length, nextCursor };
}
