/**
 * The words of the domain, in one module that imports nothing: every other module (config schema, reducer, wire
 * catalogs, pages) takes its statuses, effects, phases and verdicts from here, so no two of them can disagree and no
 * import circle can form around them.
 */

/** What a saga is, as lists and tiles show it; `stuck` is layered on by the clock, the others come from records. */
export const SAGA_STATUSES = ['in_progress', 'stuck', 'completed', 'failed', 'compensating', 'compensated'] as const;
export type SagaStatus = (typeof SAGA_STATUSES)[number];

export const STEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'compensating', 'compensated'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** What a waiting saga waits for: a step's reply or a compensation's. */
export const PHASES = ['step', 'compensation'] as const;
export type Phase = (typeof PHASES)[number];

/** What a rule says a record does to its saga. */
export const EFFECTS = [
  'start',
  'step-started',
  'step-completed',
  'step-failed',
  'compensation-started',
  'compensation-completed',
  'complete',
  'fail',
] as const;
export type Effect = (typeof EFFECTS)[number];

/**
 * Effects on the timeline: the rules' own, plus `observed` (a record of a configured topic that carries a saga id but
 * matches no rule) and `retry` (a manual retry, read back from the monitor's audit topic).
 */
export const EVENT_EFFECTS = [...EFFECTS, 'observed', 'retry'] as const;
export type EventEffect = (typeof EVENT_EFFECTS)[number];

export const REJECT_REASONS = [
  'empty-value',
  'invalid-json',
  'missing-saga-id',
  'invalid-saga-id',
  'unconfigured-topic',
  /** The monitor failed on a record it should have handled: a bug, counted rather than fatal. */
  'processing-error',
  /** A record on the audit topic without a valid signature: never shown as a retry. */
  'unauthenticated-audit',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const FINDING_KINDS = ['uncompensated', 'reply-without-request', 'duplicate-command', 'retry-raced-reply', 'conflicting-replies'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** How the consumers of the topic a saga waits on are doing. */
export const CONSUMER_VERDICTS = ['ok', 'lagging', 'stalled', 'no-consumers', 'unknown'] as const;
export type ConsumerVerdict = (typeof CONSUMER_VERDICTS)[number];
