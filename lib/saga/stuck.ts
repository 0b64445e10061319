import type { SagaTypeConfig } from '../config/schema';
import { isFinished, type SagaState } from './saga-state';

export interface WaitingFor {
  topic: string;
  eventType: string | null;
}

export interface StuckInfo {
  /** When the saga crossed its threshold: last event time + threshold. */
  since: number;
  step: string | null;
  phase: 'step' | 'compensation' | null;
  thresholdMs: number;
  reason: string;
  waitingFor: WaitingFor[];
}

/** The threshold of the step the saga waits on: that step's timeout, else the saga type's stuckAfterMs. */
export function thresholdMs(state: SagaState, config: SagaTypeConfig): number {
  if (state.phase === 'step' && state.currentStep !== null) {
    const step = state.steps.find((s) => s.name === state.currentStep);
    if (step?.timeoutMs) return step.timeoutMs;
  }
  return config.stuckAfterMs;
}

/** When the saga becomes stuck if nothing else happens to it; null once it is finished. */
export function stuckDeadline(state: SagaState, config: SagaTypeConfig): number | null {
  return isFinished(state) ? null : state.updatedAt + thresholdMs(state, config);
}

/** The next step nobody has started yet, in config order. */
function nextPendingStep(state: SagaState): string | null {
  return state.steps.find((s) => s.status === 'pending')?.name ?? null;
}

/** Which records would move the saga on, read from the rules. */
export function waitingFor(state: SagaState, config: SagaTypeConfig): { step: string | null; records: WaitingFor[] } {
  // A rule speaks of a step through its own effect or through its trigger's; a trigger only ever starts something.
  const pick = (step: string | null, effects: string[]) =>
    config.rules
      .filter((r) =>
        step === null
          ? effects.includes(r.effect)
          : (r.step === step && effects.includes(r.effect)) || (r.triggers?.step === step && effects.includes(r.triggers.effect)),
      )
      .map((r) => ({ topic: r.topic, eventType: r.eventType ?? null }));
  if (state.phase === 'compensation') return { step: state.currentStep, records: pick(state.currentStep, ['compensation-completed']) };
  if (state.phase === 'step') return { step: state.currentStep, records: pick(state.currentStep, ['step-completed', 'step-failed']) };
  if (state.status === 'compensating') return { step: state.currentStep, records: pick(state.currentStep, ['compensation-started']) };
  if (state.status === 'failed') return { step: state.currentStep, records: pick(null, ['compensation-started', 'fail']) };
  const next = nextPendingStep(state);
  if (next === null) return { step: null, records: pick(null, ['complete', 'fail']) };
  return { step: next, records: pick(next, ['step-started']) };
}

function describe(records: WaitingFor[]): string {
  if (records.length === 0) return 'a record the rules do not name';
  return records.map((r) => (r.eventType ? `${r.eventType} on ${r.topic}` : `a record on ${r.topic}`)).join(' or ');
}

export function stuckInfo(state: SagaState, config: SagaTypeConfig, since: number): StuckInfo {
  const threshold = thresholdMs(state, config);
  const w = waitingFor(state, config);
  const seconds = Math.round(threshold / 100) / 10;
  let what: string;
  if (state.phase === 'compensation') what = `compensation of step ${w.step} started and got no reply`;
  else if (state.phase === 'step') what = `step ${w.step} started and got no reply`;
  else if (state.status === 'compensating') what = `compensation of step ${w.step} was never started`;
  else if (state.status === 'failed') what = `step ${state.currentStep} failed and no compensation or failure record followed`;
  else if (w.step) what = `step ${w.step} was never started`;
  else what = 'every step ended but the saga was never completed';
  return {
    since,
    step: w.step,
    phase: state.phase,
    thresholdMs: threshold,
    reason: `${what} within ${seconds} s; waiting for ${describe(w.records)}`,
    waitingFor: w.records,
  };
}
