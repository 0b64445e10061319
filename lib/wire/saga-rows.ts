import { z } from 'zod';
import { SagaSummary } from './rest';

/**
 * A SagaSummary as one row of the live feed: its fields in this order, without their names and without durationMs
 * (endedAt - startedAt). Fifty dashboards each receive every change, so the names alone were half of every byte the
 * server wrote, the kernel copied and each browser decoded.
 */
export const SAGA_ROW_FIELDS = ['id', 'type', 'status', 'currentStep', 'phase', 'startedAt', 'updatedAt', 'endedAt', 'stuckSince', 'eventCount', 'findings', 'slow'] as const;

const f = SagaSummary.shape;
/** Each field's schema is the summary's own; findings and slow, optional there, are always in a row. */
export const SagaRow = z.tuple([f.id, f.type, f.status, f.currentStep, f.phase, f.startedAt, f.updatedAt, f.endedAt, f.stuckSince, f.eventCount, f.findings.unwrap(), f.slow.unwrap()]);
export type SagaRow = z.infer<typeof SagaRow>;

export function toSagaRow(s: SagaSummary): SagaRow {
  return [s.id, s.type, s.status, s.currentStep, s.phase, s.startedAt, s.updatedAt, s.endedAt, s.stuckSince, s.eventCount, s.findings ?? [], s.slow ?? null];
}

export function fromSagaRow(r: SagaRow): SagaSummary {
  const [id, type, status, currentStep, phase, startedAt, updatedAt, endedAt, stuckSince, eventCount, findings, slow] = r;
  return { id, type, status, currentStep, phase, startedAt, updatedAt, endedAt, durationMs: endedAt !== null ? endedAt - startedAt : null, stuckSince, eventCount, findings, slow };
}
