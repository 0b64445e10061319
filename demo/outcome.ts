import type { SagaType, StepName } from './event-catalog';
import { derivedRng } from '../lib/random';
import { parseSagaId } from './saga-id';

/** `action` is the step itself (book, reserve); `compensation` undoes it (refund, release, cancel). */
export type Phase = 'action' | 'compensation';
/** `drop`: the worker silently ignores the record, so the saga waits for ever (what the monitor must flag as stuck). */
export type Outcome = 'ok' | 'fail' | 'drop';

export interface OutcomeContext {
  sagaId: string;
  sagaType: SagaType;
  /** The saga's number in its run (from the id), or null for an id the demo did not make. */
  ordinal: number | null;
  step: StepName;
  phase: Phase;
}

/** Tests pin outcomes per saga; `undefined` falls back to the seeded roll. */
export type ForceOutcome = (ctx: OutcomeContext) => Outcome | undefined;

export interface OutcomeKnobs {
  seed: number;
  failureRate: number;
  stuckRate: number;
  /** The record carries saga-monitor-retry-id: a manual retry is never dropped, so it can unstick the saga. */
  retried: boolean;
  force?: ForceOutcome;
}

export function outcomeContext(sagaId: string, sagaType: SagaType, step: StepName, phase: Phase): OutcomeContext {
  const parsed = parseSagaId(sagaId);
  return { sagaId, sagaType, ordinal: parsed && parsed.sagaType === sagaType ? parsed.ordinal : null, step, phase };
}

/**
 * The roll depends on (seed, saga type, ordinal, step, phase) only, not on arrival order or the run tag, so the same
 * seed replays the same failures and drops. Compensations never fail (real ones are retried until they succeed).
 */
export function decideOutcome(ctx: OutcomeContext, k: OutcomeKnobs): Outcome {
  let outcome = k.force?.(ctx) ?? roll(ctx, k);
  if (ctx.phase === 'compensation' && outcome === 'fail') outcome = 'ok';
  if (k.retried && outcome === 'drop') outcome = 'ok';
  return outcome;
}

function roll(ctx: OutcomeContext, k: OutcomeKnobs): Outcome {
  const who = ctx.ordinal ?? ctx.sagaId;
  const u = derivedRng(k.seed, 'outcome', ctx.sagaType, who, ctx.step, ctx.phase).float();
  const failureRate = ctx.phase === 'action' ? k.failureRate : 0;
  if (u < failureRate) return 'fail';
  if (u < failureRate + k.stuckRate) return 'drop';
  return 'ok';
}
