import type { SagaListFilters } from '../query-keys';
import type { SagaSummary } from '../wire/rest';

/** Mirrors server/store/list-sagas.ts: id prefix, then status, type, current-step and finding lists (empty = any). */
export function matchesFilters(s: SagaSummary, f: SagaListFilters): boolean {
  const prefix = f.q.trim();
  if (prefix !== '' && !s.id.startsWith(prefix)) return false;
  if (f.status.length > 0 && !f.status.includes(s.status)) return false;
  if (f.type.length > 0 && !f.type.includes(s.type)) return false;
  if (f.step.length > 0 && (s.currentStep === null || !f.step.includes(s.currentStep))) return false;
  const findings = f.finding ?? [];
  if (findings.length > 0 && !(s.findings ?? []).some((k) => findings.includes(k))) return false;
  return true;
}

export function sortKey(s: SagaSummary, sort: SagaListFilters['sort']): number {
  return sort === 'started' ? s.startedAt : s.updatedAt;
}

/** The server's order: newest key first, then id ascending. Negative when `a` is listed before `b`. */
export function compareListed(a: SagaSummary, b: SagaSummary, sort: SagaListFilters['sort']): number {
  const d = sortKey(b, sort) - sortKey(a, sort);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
