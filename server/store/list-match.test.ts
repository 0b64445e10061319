import { describe, expect, it } from 'vitest';
import { listSagas } from './list-sagas';
import { SagaIndex } from './saga-index';
import type { SagaStore } from './saga-store';
import type { SagaListFilters } from '../../lib/query-keys';
import { SagaListQuery, type SagaSummary } from '../../lib/wire/rest';
import { summary } from '../../testing/fixtures/summaries';
import { NO_FILTERS, sagaListApiUrl } from '../../lib/saga-list/filters';
import { compareListed, matchesFilters } from '../../lib/saga-list/match';

const sagas: SagaSummary[] = [
  summary('ord-a-1', { status: 'stuck', currentStep: 'payment', startedAt: 10, updatedAt: 50 }),
  summary('ord-a-2', { status: 'completed', currentStep: null, phase: null, startedAt: 20, updatedAt: 40, endedAt: 40 }),
  summary('ord-b-10', { status: 'compensating', currentStep: 'inventory', phase: 'compensation', startedAt: 30, updatedAt: 40, findings: ['duplicate-command', 'reply-without-request'] }),
  summary('trip-a-1', { status: 'in_progress', currentStep: 'hotel', startedAt: 30, updatedAt: 60 }),
  summary('trip-a-2', { status: 'failed', currentStep: 'car', startedAt: 5, updatedAt: 60, findings: ['uncompensated'] }),
  summary('trip-b-1', { status: 'stuck', currentStep: 'flight', startedAt: 70, updatedAt: 70 }),
];

/** The server's list over the same summaries: what the client-side match must agree with. */
function serverIds(f: SagaListFilters): string[] {
  const byId = new Map(sagas.map((s) => [s.id, s]));
  const findings = { hasAny: (id: string, kinds: Set<string>) => (byId.get(id)?.findings ?? []).some((k) => kinds.has(k)) };
  // Summaries stand in for saga states: their status already says stuck.
  const index = new SagaIndex();
  for (const s of sagas) index.set(s, s.status);
  const store = { index, findings, summary: (id: string) => byId.get(id) } as unknown as SagaStore;
  const query = SagaListQuery.parse(Object.fromEntries(new URL(sagaListApiUrl(f, 1000, null), 'http://x').searchParams));
  return listSagas(store, query).items.map((s) => s.id);
}

const cases: [string, Partial<SagaListFilters>, string[]][] = [
  ['no filter', {}, ['ord-a-1', 'ord-a-2', 'ord-b-10', 'trip-a-1', 'trip-a-2', 'trip-b-1']],
  ['one status', { status: ['stuck'] }, ['ord-a-1', 'trip-b-1']],
  ['a status list', { status: ['stuck', 'failed'] }, ['ord-a-1', 'trip-a-2', 'trip-b-1']],
  ['a type', { type: ['trip-booking'] }, ['trip-a-1', 'trip-a-2', 'trip-b-1']],
  ['a step (current step, any phase)', { step: ['inventory', 'hotel'] }, ['ord-b-10', 'trip-a-1']],
  ['a step never matches a saga without one', { step: ['payment'], status: ['completed'] }, []],
  ['an id prefix', { q: 'ord-a' }, ['ord-a-1', 'ord-a-2']],
  ['a prefix is not a substring', { q: 'a-1' }, []],
  ['a prefix is case-sensitive', { q: 'ORD' }, []],
  ['a prefix is trimmed', { q: ' trip-b ' }, ['trip-b-1']],
  ['a finding', { finding: ['uncompensated'] }, ['trip-a-2']],
  ['any of several findings', { finding: ['reply-without-request', 'uncompensated'] }, ['ord-b-10', 'trip-a-2']],
  ['a finding no saga has', { finding: ['retry-raced-reply'] }, []],
  ['everything at once', { status: ['stuck'], type: ['order-fulfilment'], step: ['payment'], q: 'ord-' }, ['ord-a-1']],
];

describe('matchesFilters', () => {
  it.each(cases)('%s', (_name, over, expected) => {
    const f = { ...NO_FILTERS, ...over };
    const ids = sagas.filter((s) => matchesFilters(s, f)).map((s) => s.id);
    expect(ids).toEqual(expected);
    expect([...serverIds(f)].sort()).toEqual(expected);
  });
});

describe('compareListed', () => {
  it.each(['updated', 'started'] as const)('orders like the server for sort=%s', (sort) => {
    const f = { ...NO_FILTERS, sort };
    expect([...sagas].sort((a, b) => compareListed(a, b, sort)).map((s) => s.id)).toEqual(serverIds(f));
  });
});
