import { REJECT_REASONS } from '../vocabulary';

/** What each rejection means and where to look; shown beside its count. */
export const REASON_EXPLANATIONS: Record<(typeof REJECT_REASONS)[number], string> = {
  'empty-value': 'The record has no value (null or empty, e.g. a tombstone): nothing to read a saga id or event type from.',
  'invalid-json': 'A rule reads the value with a jsonPath, but the value is not JSON (binary or plain text).',
  'missing-saga-id': 'A rule matched, but its saga id extractor found nothing: the header, key or JSON path is absent.',
  'invalid-saga-id': 'The saga id found is neither a string nor a number (an object, array or boolean).',
  'unconfigured-topic': 'The record came from a topic that no rule of the config names.',
  'processing-error': 'The monitor failed on this record: a Saga Monitor bug. It was counted and skipped; please report it with a sample.',
  'unauthenticated-audit': 'A record on the audit topic whose signature does not verify with SAGA_MONITOR_AUDIT_KEY (unsigned, forged, or signed with another key): it is not shown as a retry.',
};

/** Every known reason (so zeros show) followed by any reason a newer server reports. */
export function reasonRows(byReason: Record<string, number>): { reason: string; count: number; explanation: string }[] {
  const known = REJECT_REASONS as readonly string[];
  const extra = Object.keys(byReason).filter((r) => !known.includes(r));
  return [...known, ...extra].map((reason) => ({
    reason,
    count: byReason[reason] ?? 0,
    explanation: REASON_EXPLANATIONS[reason as keyof typeof REASON_EXPLANATIONS] ?? 'A reason this page does not know yet.',
  }));
}
