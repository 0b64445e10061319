import { z } from 'zod';
import { PHASES, SAGA_STATUSES } from '../vocabulary';

/** Headers a resent record carries so the receiving service and the monitor can tell it from the original. */
export const RETRY_HEADERS = {
  id: 'saga-monitor-retry-id',
  by: 'saga-monitor-retried-by',
  of: 'saga-monitor-retry-of',
} as const;

/** Header of an audit record: the HMAC of its value with the audit key (server/retry/audit-signature.ts). */
export const AUDIT_SIGNATURE_HEADER = 'saga-monitor-audit-signature';

export const RetryRequest = z.strictObject({ step: z.string().min(1).max(200).optional() });

export const RetryPlanView = z.object({
  retryId: z.string(),
  sagaId: z.string(),
  sagaType: z.string(),
  step: z.string(),
  /** What the saga owes: the step's own work or its compensation. */
  phase: z.enum(PHASES),
  mode: z.enum(['resend', 'command']),
  /** The event type of the record published: the original's for a resend, RetryStep for a command. */
  eventType: z.string().nullable(),
  topic: z.string(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  value: z.string(),
  /** The original record a resend copies: topic/partition/offset. */
  retryOf: z.string().nullable(),
  /** Command mode: the record the rules expect the orchestrator to publish in answer, when they name one. */
  expects: z.object({ eventType: z.string().nullable(), topic: z.string() }).nullable(),
});
export type RetryPlanView = z.infer<typeof RetryPlanView>;

export const RetryAccepted = z.object({ retryId: z.string(), topic: z.string(), partition: z.number(), offset: z.string() });
export type RetryAccepted = z.infer<typeof RetryAccepted>;

/** The JSON of a `command`-mode retry, for an orchestrator that owns its retries. */
export const RetryCommand = z.object({
  type: z.literal('RetryStep'),
  sagaId: z.string(),
  step: z.string(),
  /** `compensation`: undo the step (a refund), not run it again; the orchestrator refuses what it does not owe. */
  phase: z.enum(PHASES),
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

/**
 * Retries one operator may publish per window: enough for real incidents, not enough to flood a topic by mistake. It
 * is also the largest bulk retry, so a batch the page offers always fits a fresh window.
 */
export const RETRIES_PER_WINDOW = 60;
export const MAX_BULK_RETRY = RETRIES_PER_WINDOW;

/** A dry run: which sagas a filter matches now and what each retry would publish; nothing is sent. */
export const BulkRetryPreview = z.strictObject({
  type: z.string().min(1).optional(),
  status: z.array(z.enum(SAGA_STATUSES)).min(1).optional(),
  step: z.string().min(1).optional(),
  q: z.string().max(200).optional(),
  /** Upper bound on how many sagas one request may retry. */
  max: z.number().int().min(1).max(MAX_BULK_RETRY),
  dryRun: z.literal(true, { error: 'a filter only previews: send "dryRun": true, then retry with the "planId" it returns (or name the "ids")' }),
});
export type BulkRetryPreview = z.infer<typeof BulkRetryPreview>;

/** A bulk retry names its sagas: the plan a dry run returned, or the ids themselves; never a filter run again. */
export const BulkRetryRun = z
  .strictObject({
    planId: z.string().min(1).max(100).optional(),
    ids: z.array(z.string().min(1).max(1_000)).min(1).max(MAX_BULK_RETRY).optional(),
  })
  .refine((r) => (r.planId === undefined) !== (r.ids === undefined), {
    message: 'a bulk retry names its sagas: send {"planId"} from a dry run or {"ids": [...]}, one of them; a filter needs "dryRun": true',
  });
export type BulkRetryRun = z.infer<typeof BulkRetryRun>;

export type BulkRetryRequest = BulkRetryPreview | BulkRetryRun;
