import type { SagaTypeConfig } from '../config/schema';
import type { SagaEvent } from '../saga/event';
import type { SagaState } from '../saga/saga-state';
import type { SagaStatus } from '../wire/rest';
import { RETRY_HEADERS, type RetryCommand, type RetryPlanView } from './retry-wire';

export type PlanResult = { ok: true; plan: RetryPlanView } | { ok: false; status: 409; reason: string };

export interface PlanInput {
  saga: SagaState;
  /** Status as the operator sees it (stuck included). */
  status: SagaStatus;
  config: SagaTypeConfig;
  step?: string;
  operator: string;
  now: number;
  idempotencyKey?: string;
}

/** The step a retry is about: the one asked for, else the one the saga waits on or failed at. */
function targetStep(saga: SagaState, asked: string | undefined): string | null {
  if (asked !== undefined) return asked;
  if (saga.currentStep !== null) return saga.currentStep;
  return saga.steps.find((s) => s.status === 'failed')?.name ?? null;
}

/** Whether an event started `step` (or its compensation): through its own effect or through its trigger. */
function startedStep(e: SagaEvent, step: string, compensation: boolean): boolean {
  const effect = compensation ? 'compensation-started' : 'step-started';
  return (e.effect === effect && e.step === step) || (e.triggers?.effect === effect && e.triggers.step === step);
}

/** The record that started the step: a command for an orchestrated saga, the triggering event in a choreography. */
export function originalRecord(saga: SagaState, step: string, compensation: boolean): SagaEvent | null {
  for (let i = saga.events.length - 1; i >= 0; i--) {
    const e = saga.events[i];
    if (startedStep(e, step, compensation) && e.headers[RETRY_HEADERS.id] === undefined) return e;
  }
  return null;
}

/**
 * Decides what one retry would publish, without publishing: the confirm dialog shows exactly this. The retry id is
 * the client's idempotency key, else derived from saga, step and attempt, so two clicks for one attempt are one retry.
 */
export function planRetry(input: PlanInput): PlanResult {
  const { saga, config, operator } = input;
  const allowed = config.retry.statuses;
  if (!allowed.includes(input.status)) {
    return { ok: false, status: 409, reason: `a ${input.status} saga cannot be retried; ${config.type} allows retries when ${allowed.join(' or ')}` };
  }
  const step = targetStep(saga, input.step);
  if (step === null) return { ok: false, status: 409, reason: 'the saga waits on no step; name one with "step"' };
  const state = saga.steps.find((s) => s.name === step);
  if (!state) return { ok: false, status: 409, reason: `${config.type} has no step "${step}"; steps: ${config.steps.join(', ')}` };
  const retryId = input.idempotencyKey ?? `${saga.id}/${step}/${state.attempts}`;
  const requestedAt = new Date(input.now).toISOString();
  const base = { retryId, sagaId: saga.id, sagaType: saga.type, step };
  const compensation = saga.phase === 'compensation' && saga.currentStep === step;

  if (config.retry.mode === 'command') {
    const command: RetryCommand = { type: 'RetryStep', sagaId: saga.id, step, retryId, requestedBy: operator, requestedAt };
    return {
      ok: true,
      plan: {
        ...base,
        mode: 'command',
        topic: config.retry.topic,
        key: saga.id,
        headers: { 'saga-id': saga.id, [RETRY_HEADERS.id]: retryId, [RETRY_HEADERS.by]: operator },
        value: JSON.stringify(command),
        retryOf: null,
      },
    };
  }
  const original = originalRecord(saga, step, compensation);
  if (!original) {
    return { ok: false, status: 409, reason: `no record that started step ${step} is kept for this saga, so there is nothing to resend` };
  }
  if (original.valueTruncated || original.value === null) {
    return { ok: false, status: 409, reason: `the record that started step ${step} is larger than the monitor keeps; resend it from Kafka (${original.topic}/${original.partition}/${original.offset})` };
  }
  const retryOf = `${original.topic}/${original.partition}/${original.offset}`;
  return {
    ok: true,
    plan: {
      ...base,
      mode: 'resend',
      topic: original.topic,
      key: original.key,
      headers: { ...original.headers, [RETRY_HEADERS.id]: retryId, [RETRY_HEADERS.by]: operator, [RETRY_HEADERS.of]: retryOf },
      value: original.value,
      retryOf,
    },
  };
}
