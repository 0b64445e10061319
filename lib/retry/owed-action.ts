import type { Rule, SagaTypeConfig } from '../config/schema';
import type { SagaState, StepState } from '../saga/saga-state';
import type { Phase } from '../vocabulary';

/** What a saga waits for and a retry would ask again: a step's own work or its compensation. */
export interface OwedAction {
  step: string;
  phase: Phase;
  /** A record started it (its start is on the timeline): false for a compensation or a next step never begun. */
  started: boolean;
}

/** The completed step with a compensation of its own that finished last: compensations run newest first. */
function latestToUndo(steps: readonly StepState[]): StepState | null {
  let best: StepState | null = null;
  for (const s of steps) {
    if (!s.compensable || s.status !== 'completed' || s.compensationStartedAt !== null) continue;
    if (best === null || (s.endedAt ?? -Infinity) >= (best.endedAt ?? -Infinity)) best = s;
  }
  return best;
}

/**
 * The action a saga owes, read from its state (README "Manual retries"): the running step or compensation; a
 * compensation owed but never started; after a step failed, the undo of the latest completed step that has one, else
 * the failed step itself; between steps, the next step of the configured order. Null when it owes nothing.
 */
export function owedAction(saga: SagaState, config: SagaTypeConfig): OwedAction | null {
  if (saga.status === 'completed' || saga.status === 'compensated') return null;
  const step = saga.currentStep;
  if (saga.phase !== null && step !== null) return { step, phase: saga.phase, started: true };
  if (saga.status === 'compensating' && step !== null) return { step, phase: 'compensation', started: false };
  if (saga.status === 'failed') {
    const undo = saga.failedAt === null ? latestToUndo(saga.steps) : null;
    if (undo) return { step: undo.name, phase: 'compensation', started: false };
    return step === null ? null : { step, phase: 'step', started: true };
  }
  // In progress between two steps: the one after the latest step that ended.
  const done = step === null ? -1 : config.steps.indexOf(step);
  const next = config.steps.slice(done + 1).find((name) => saga.steps.find((s) => s.name === name)?.status === 'pending');
  return next === undefined ? null : { step: next, phase: 'step', started: false };
}

/** The rules whose records start `step`'s work or compensation: by their own effect or through their trigger. */
export function startRules(config: SagaTypeConfig, step: string, phase: Phase): Rule[] {
  const effect = phase === 'step' ? 'step-started' : 'compensation-started';
  return config.rules.filter((r) => (r.effect === effect && r.step === step) || (r.triggers?.effect === effect && r.triggers.step === step));
}

/** "RefundPayment on payment.commands": how the rules name a record, for plans and refusals. */
export function describeRule(r: { eventType?: string | null; topic: string }): string {
  return `${r.eventType ?? 'a record'} on ${r.topic}`;
}

export function describeAction(a: Pick<OwedAction, 'step' | 'phase'>): string {
  return a.phase === 'step' ? `step ${a.step}` : `the compensation of ${a.step}`;
}

/** One line for a plan: what is asked and the exact record published ("the compensation of payment: RetryStep on orders.retries"). */
export function describePlanLine(p: { step: string; phase: Phase; eventType: string | null; topic: string }): string {
  return `${describeAction(p)}: ${describeRule(p)}`;
}
