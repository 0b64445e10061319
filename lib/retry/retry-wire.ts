import { z } from 'zod';
import { SAGA_STATUSES } from '../vocabulary';

/** Headers a resent record carries so the receiving service and the monitor can tell it from the original. */
export const RETRY_HEADERS = {
  id: 'saga-monitor-retry-id',
  by: 'saga-monitor-retried-by',
  of: 'saga-monitor-retry-of',
} as const;

export const RetryRequest = z.strictObject({ step: z.string().min(1).max(200).optional() });

export const RetryPlanView = z.object({
  retryId: z.string(),
  sagaId: z.string(),
  sagaType: z.string(),
  step: z.string(),
  mode: z.enum(['resend', 'command']),
  topic: z.string(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  value: z.string(),
  /** The original record a resend copies: topic/partition/offset. */
  retryOf: z.string().nullable(),
});
export type RetryPlanView = z.infer<typeof RetryPlanView>;

export const RetryAccepted = z.object({ retryId: z.string(), topic: z.string(), partition: z.number(), offset: z.string() });
export type RetryAccepted = z.infer<typeof RetryAccepted>;

/** The JSON of a `command`-mode retry, for an orchestrator that owns its retries. */
export const RetryCommand = z.object({
  type: z.literal('RetryStep'),
  sagaId: z.string(),
  step: z.string(),
  retryId: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type RetryCommand = z.infer<typeof RetryCommand>;

/** One record on the audit topic per retry outcome. */
export const AuditRecord = z.object({
  type: z.literal('RetryPublished').or(z.literal('RetryFailed')),
  retryId: z.string(),
  sagaId: z.string(),
  sagaType: z.string(),
  step: z.string(),
  mode: z.enum(['resend', 'command']),
  requestedBy: z.string(),
  requestedAt: z.number(),
  target: z.object({ topic: z.string(), partition: z.number().nullable(), offset: z.string().nullable() }),
  retryOf: z.string().nullable(),
  error: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const BulkRetryRequest = z.strictObject({
  type: z.string().min(1).optional(),
  status: z.array(z.enum(SAGA_STATUSES)).min(1).optional(),
  step: z.string().min(1).optional(),
  q: z.string().max(200).optional(),
  /** Upper bound on how many sagas one request may retry. */
  max: z.number().int().min(1).max(500),
  dryRun: z.boolean().default(false),
});
export type BulkRetryRequest = z.infer<typeof BulkRetryRequest>;
