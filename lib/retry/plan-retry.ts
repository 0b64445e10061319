import type { SagaTypeConfig } from '../config/schema';
import type { SagaEvent } from '../saga/event';
import type { RecordBytes } from '../saga/record';
import type { SagaState } from '../saga/saga-state';
import type { SagaStatus } from '../wire/rest';
import type { Phase } from '../vocabulary';
import { describeAction, describeRule, owedAction, startRules, type OwedAction } from './owed-action';
import { RETRY_HEADERS, type RetryCommand, type RetryPlanView } from './retry-wire';

/** `bytes`: a resend of a record whose text is not its bytes publishes these, as read. */
export type PlanResult = { ok: true; plan: RetryPlanView; bytes?: RecordBytes } | { ok: false; status: 409; reason: string };

export interface PlanInput {
  saga: SagaState;
  /** Status as the operator sees it (stuck included). */
  status: SagaStatus;
  config: SagaTypeConfig;
  /** The step the operator means to retry: refused unless it is the one the saga owes. */
  step?: string;
  /** With `step`, the phase meant (a bulk retry's dry run showed it): refused unless the saga owes that one. */
  phase?: Phase;
  operator: string;
  now: number;
  idempotencyKey?: string;
}

/** Whether an event started `step`'s work or compensation: through its own effect or through its trigger. */
function startedStep(e: SagaEvent, step: string, phase: Phase): boolean {
  const effect = phase === 'compensation' ? 'compensation-started' : 'step-started';
  return (e.effect === effect && e.step === step) || (e.triggers?.effect === effect && e.triggers.step === step);
}

/** The record that started the step: a command for an orchestrated saga, the triggering event in a choreography. */
export function originalRecord(saga: SagaState, step: string, phase: Phase): SagaEvent | null {
  for (let i = saga.events.length - 1; i >= 0; i--) {
    const e = saga.events[i];
    if (startedStep(e, step, phase) && e.headers[RETRY_HEADERS.id] === undefined) return e;
  }
  return null;
}

/** The retry an Idempotency-Key names: one saga's, one operator's. */
export function keyedRetryId(sagaId: string, operator: string, idempotencyKey: string): string {
  return `${sagaId}/${operator}/${idempotencyKey}`;
}

/**
 * One id per attempt of the owed action, so two clicks for one attempt are one retry while the next attempt gets a new
 * id; an Idempotency-Key names a retry of this saga by this operator, never another saga's.
 */
function retryIdOf(saga: SagaState, owed: OwedAction, operator: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey !== undefined) return keyedRetryId(saga.id, operator, idempotencyKey);
  if (owed.phase === 'step') return `${saga.id}/${owed.step}/${saga.steps.find((s) => s.name === owed.step)?.attempts ?? 0}`;
  const starts = saga.events.filter((e) => startedStep(e, owed.step, 'compensation')).length;
  return `${saga.id}/${owed.step}/compensation/${starts}`;
}

function refuse(reason: string): PlanResult {
  return { ok: false, status: 409, reason };
}

/** Why a saga may not be retried at all, before asking what it owes. */
function refusal(input: PlanInput): string | null {
  const { saga, config } = input;
  const allowed = config.retry.statuses;
  if (!allowed.includes(input.status)) return `a ${input.status} saga cannot be retried; ${config.type} allows retries when ${allowed.join(' or ')}`;
  if (saga.failedAt !== null && !config.retry.afterFail) {
    const fail = saga.events.find((e) => e.effect === 'fail');
    return `the saga gave up (${fail ? describeRule(fail) : 'a fail record'}), so a retry would act on a saga its owner ended; set retry.afterFail on ${config.type} to allow it`;
  }
  return null;
}

/**
 * Decides what one retry would publish, without publishing: the confirm dialog shows exactly this. It asks for what
 * the saga owes (owed-action.ts), never a step that already ended; resend mode needs the record that started it.
 */
export function planRetry(input: PlanInput): PlanResult {
  const { saga, config, operator } = input;
  const refused = refusal(input);
  if (refused) return refuse(refused);
  if (input.step !== undefined && !config.steps.includes(input.step)) return refuse(`${config.type} has no step "${input.step}"; steps: ${config.steps.join(', ')}`);
  const owed = owedAction(saga, config);
  if (owed === null) return refuse('the saga waits on no step: there is nothing to retry');
  if ((input.step !== undefined && input.step !== owed.step) || (input.phase !== undefined && input.phase !== owed.phase)) {
    const asked = describeAction({ step: input.step ?? owed.step, phase: input.phase ?? 'step' });
    return refuse(`the saga waits on ${describeAction(owed)}, not on ${asked}: only what it waits on can be retried`);
  }
  const retryId = retryIdOf(saga, owed, operator, input.idempotencyKey);
  const base = { retryId, sagaId: saga.id, sagaType: saga.type, step: owed.step, phase: owed.phase };
  const starts = startRules(config, owed.step, owed.phase);

  if (config.retry.mode === 'command') {
    const requestedAt = new Date(input.now).toISOString();
    const command: RetryCommand = { type: 'RetryStep', sagaId: saga.id, step: owed.step, phase: owed.phase, retryId, requestedBy: operator, requestedAt };
    const expected = starts[0];
    return {
      ok: true,
      plan: {
        ...base,
        mode: 'command',
        eventType: command.type,
        topic: config.retry.topic,
        key: saga.id,
        headers: { 'saga-id': saga.id, [RETRY_HEADERS.id]: retryId, [RETRY_HEADERS.by]: operator },
        value: JSON.stringify(command),
        retryOf: null,
        expects: expected ? { eventType: expected.eventType ?? null, topic: expected.topic } : null,
      },
    };
  }
  const original = owed.started ? originalRecord(saga, owed.step, owed.phase) : null;
  if (!original) {
    const needs = starts.length > 0 ? starts.map(describeRule).join(' or ') : 'a record that starts it (no rule does)';
    const never = owed.started ? 'is no longer on the timeline' : 'was never read';
    return refuse(`the saga owes ${describeAction(owed)}, and the record that starts it (${needs}) ${never}, so there is nothing to resend`);
  }
  if (original.valueTruncated || original.value === null) {
    return refuse(`the record that started ${describeAction(owed)} is larger than the monitor keeps; resend it from Kafka (${original.topic}/${original.partition}/${original.offset})`);
  }
  if (original.lossy && !original.bytes) {
    return refuse(`the record that started ${describeAction(owed)} holds bytes its text does not keep (not UTF-8, or a header repeated or without a value) and they were not kept (a header without a value, or larger than the monitor keeps), so it is not resent re-encoded; resend it from Kafka (${original.topic}/${original.partition}/${original.offset})`);
  }
  const retryOf = `${original.topic}/${original.partition}/${original.offset}`;
  return {
    ok: true,
    plan: {
      ...base,
      mode: 'resend',
      eventType: original.eventType,
      topic: original.topic,
      key: original.key,
      headers: { ...original.headers, [RETRY_HEADERS.id]: retryId, [RETRY_HEADERS.by]: operator, [RETRY_HEADERS.of]: retryOf },
      value: original.value,
      retryOf,
      expects: null,
    },
    bytes: original.lossy ? original.bytes : undefined,
  };
}
