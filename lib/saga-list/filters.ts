import type { SagaListFilters } from '../query-keys';
import { FINDING_KINDS, SAGA_STATUSES } from '../vocabulary';

/** The list's filters as they live in the URL: `?status=stuck&type=...&step=...&finding=...&q=...&sort=started`. */

/** The server rejects longer prefixes (SagaListQuery.q); the search box stops there too. */
export const MAX_QUERY_LENGTH = 200;

export const FILTER_PARAMS = ['status', 'type', 'step', 'finding', 'q', 'sort'] as const;

interface ParamReader {
  get(name: string): string | null;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(SAGA_STATUSES);
const KNOWN_FINDINGS: ReadonlySet<string> = new Set(FINDING_KINDS);

/** Comma list, trimmed, deduplicated and sorted so one filter set always makes one query key. */
function list(raw: string | null, keep: (v: string) => boolean = () => true): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((v) => v.trim()))].filter((v) => v !== '' && keep(v)).sort();
}

/** Reads filters from the URL; unknown statuses and findings are dropped (the server would answer 400), any other sort is `updated`. */
export function parseListFilters(params: ParamReader): SagaListFilters {
  return {
    status: list(params.get('status'), (s) => KNOWN_STATUSES.has(s)),
    type: list(params.get('type')),
    step: list(params.get('step')),
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    sort: params.get('sort') === 'started' ? 'started' : 'updated',
    finding: list(params.get('finding'), (k) => KNOWN_FINDINGS.has(k)),
  };
}

export const NO_FILTERS: SagaListFilters = { status: [], type: [], step: [], q: '', sort: 'updated', finding: [] };

/** Filters that narrow the list (sort does not). */
export function hasActiveFilters(f: SagaListFilters): boolean {
  return f.status.length > 0 || f.type.length > 0 || f.step.length > 0 || (f.finding ?? []).length > 0 || f.q !== '';
}

/** The URL query for `f`, keeping unrelated parameters of `current`; defaults are left out so URLs stay short. */
export function filtersToSearch(current: URLSearchParams, f: SagaListFilters): string {
  const next = new URLSearchParams(current);
  for (const p of FILTER_PARAMS) next.delete(p);
  if (f.status.length > 0) next.set('status', f.status.join(','));
  if (f.type.length > 0) next.set('type', f.type.join(','));
  if (f.step.length > 0) next.set('step', f.step.join(','));
  if ((f.finding ?? []).length > 0) next.set('finding', f.finding!.join(','));
  if (f.q !== '') next.set('q', f.q);
  if (f.sort !== 'updated') next.set('sort', f.sort);
  return next.toString();
}

/** GET /api/sagas for one page of `f`. */
export function sagaListApiUrl(f: SagaListFilters, limit: number, cursor: string | null): string {
  const p = new URLSearchParams();
  if (f.status.length > 0) p.set('status', f.status.join(','));
  if (f.type.length > 0) p.set('type', f.type.join(','));
  if (f.step.length > 0) p.set('step', f.step.join(','));
  if ((f.finding ?? []).length > 0) p.set('finding', f.finding!.join(','));
  if (f.q !== '') p.set('q', f.q);
  p.set('sort', f.sort);
  p.set('limit', String(limit));
  if (cursor !== null) p.set('cursor', cursor);
  return `/api/sagas?${p.toString()}`;
}
