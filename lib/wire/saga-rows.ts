import { z } from 'zod';
import { FindingKind, SagaStatus, SlowView, type SagaSummary } from './rest';

/**
 * A SagaSummary as one row of the live feed: its fields in this order, without their names and without durationMs
 * (endedAt - startedAt). Fifty dashboards each receive every change, so the names alone were half of every byte the
 * server wrote, the kernel copied and each browser decoded.
 */
export const SAGA_ROW_FIELDS = ['id', 'type', 'status', 'currentStep', 'phase', 'startedAt', 'updatedAt', 'endedAt', 'stuckSince', 'eventCount', 'findings', 'slow'] as const;

export const SagaRow = z.tuple([
  z.string(),
  z.string(),
  SagaStatus,
  z.string().nullable(),
  z.enum(['step', 'compensation']).nullable(),
  z.number(),
  z.number(),
  z.number().nullable(),
  z.number().nullable(),
  z.number(),
  z.array(FindingKind),
  SlowView.nullable(),
]);
export type SagaRow = z.infer<typeof SagaRow>;

export function toSagaRow(s: SagaSummary): SagaRow {
  return [s.id, s.type, s.status, s.currentStep, s.phase, s.startedAt, s.updatedAt, s.endedAt, s.stuckSince, s.eventCount, s.findings ?? [], s.slow ?? null];
}

export function fromSagaRow(r: SagaRow): SagaSummary {
  const [id, type, status, currentStep, phase, startedAt, updatedAt, endedAt, stuckSince, eventCount, findings, slow] = r;
  return { id, type, status, currentStep, phase, startedAt, updatedAt, endedAt, durationMs: endedAt !== null ? endedAt - startedAt : null, stuckSince, eventCount, findings, slow };
}
