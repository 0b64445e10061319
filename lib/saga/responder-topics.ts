import type { SagaTypeConfig } from '../config/schema';
import type { SagaEvent } from './event';
import { isFinished, type SagaState } from './saga-state';

type StartEffect = 'step-started' | 'compensation-started';

/** Whether the record started `step` (or its compensation), by its own effect or, in a choreography, its trigger's. */
function starts(x: { effect: string; step?: string | null; triggers?: { effect: string; step: string } | null }, effect: StartEffect, step: string): boolean {
  return (x.effect === effect && x.step === step) || (x.triggers?.effect === effect && x.triggers.step === step);
}

/** Records a service reacts to; `observed` ones match no rule and `retry` ones sit on the monitor's own topic. */
function movesTheSaga(e: SagaEvent): boolean {
  return e.effect !== 'observed' && e.effect !== 'retry';
}

/**
 * The topics read by the party that should answer a waiting saga next. While a step or compensation runs, that is
 * the topic of the record that started it: a command topic in an orchestration, the previous service's event topic
 * in a choreography. If that record fell off a truncated timeline, every topic whose rules can start it. When nothing
 * runs (the next step was never started, a compensation or the final record is owed), whoever moves the saga on
 * reacts to its latest record. Finished sagas wait for nobody.
 */
export function responderTopics(state: SagaState, config: SagaTypeConfig): string[] {
  if (isFinished(state)) return [];
  const step = state.currentStep;
  if (state.phase !== null && step !== null) {
    const effect: StartEffect = state.phase === 'step' ? 'step-started' : 'compensation-started';
    for (let i = state.events.length - 1; i >= 0; i--) {
      const e = state.events[i];
      if (movesTheSaga(e) && starts(e, effect, step)) return [e.topic];
    }
    return [...new Set(config.rules.filter((r) => starts(r, effect, step)).map((r) => r.topic))];
  }
  for (let i = state.events.length - 1; i >= 0; i--) {
    const e = state.events[i];
    if (movesTheSaga(e)) return [e.topic];
  }
  return [];
}
