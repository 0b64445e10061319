import type { SagaTypeConfig } from '../config/schema';
import { compareEvents, type EventEffect, type SagaEvent } from './event';
import { emptyStep, type SagaState, type StepState } from './saga-state';
import { deriveStatus } from './status';

/**
 * Detail kept per saga. A saga normally has a dozen events; the cap protects memory from a saga id that is reused
 * for ever (a hot key) while keeping the whole timeline of any real saga.
 */
export const MAX_EVENTS_PER_SAGA = 500;

type Handler = (steps: StepState[], e: { step: string | null; timestamp: number; timeoutMs: number | null }) => void;

function stepOf(steps: StepState[], name: string | null): StepState | null {
  return name === null ? null : (steps.find((s) => s.name === name) ?? null);
}

/** Per-effect handlers on a copy of the steps; `Record` makes a new effect a compile error until handled here. */
const HANDLERS: Record<EventEffect, Handler> = {
  start: () => {},
  complete: () => {},
  fail: () => {},
  observed: () => {},
  // The retried record itself arrives on its topic and moves the step; the audit entry only marks the timeline.
  retry: () => {},
  'step-started': (steps, e) => {
    const s = stepOf(steps, e.step);
    if (!s) return;
    s.attempts += 1;
    // A start no later than the step's end belongs to an earlier attempt that raced its own reply.
    if (s.endedAt !== null && e.timestamp <= s.endedAt) return;
    s.status = 'running';
    s.startedAt = e.timestamp;
    s.endedAt = null;
    s.timeoutMs = e.timeoutMs;
  },
  'step-completed': (steps, e) => {
    const s = stepOf(steps, e.step);
    // A late reply after the step already completed counts once.
    if (!s || s.status === 'completed') return;
    if (s.status === 'compensating' || s.status === 'compensated') return;
    s.status = 'completed';
    s.endedAt = e.timestamp;
  },
  'step-failed': (steps, e) => {
    const s = stepOf(steps, e.step);
    if (!s || s.status === 'compensating' || s.status === 'compensated') return;
    s.status = 'failed';
    s.endedAt = e.timestamp;
  },
  'compensation-started': (steps, e) => {
    const s = stepOf(steps, e.step);
    if (!s || s.compensationStartedAt !== null) return;
    s.compensationStartedAt = e.timestamp;
    if (s.compensationEndedAt === null) s.status = 'compensating';
  },
  'compensation-completed': (steps, e) => {
    const s = stepOf(steps, e.step);
    if (!s || s.compensationEndedAt !== null) return;
    s.compensationEndedAt = e.timestamp;
    s.compensationStartedAt ??= e.timestamp;
    s.status = 'compensated';
  },
};

function isCompensable(config: SagaTypeConfig, step: string): boolean {
  return config.rules.some(
    (r) =>
      (r.effect === 'compensation-started' && r.step === step) ||
      (r.triggers?.effect === 'compensation-started' && r.triggers.step === step),
  );
}

export function initialState(config: SagaTypeConfig, first: SagaEvent): SagaState {
  return {
    id: first.sagaId,
    type: config.type,
    startedAt: first.timestamp,
    updatedAt: first.timestamp,
    completedAt: null,
    failedAt: null,
    steps: config.steps.map((name) => emptyStep(name, isCompensable(config, name))),
    status: 'in_progress',
    currentStep: null,
    phase: null,
    endedAt: null,
    events: [],
    eventCount: 0,
    droppedEvents: 0,
    truncated: false,
  };
}

/** Folds one event into a state known to contain every earlier event; returns a new state. */
function fold(state: SagaState, e: SagaEvent, sawStart: boolean): SagaState {
  const steps = state.steps.map((s) => ({ ...s }));
  HANDLERS[e.effect](steps, e);
  if (e.triggers) HANDLERS[e.triggers.effect](steps, { step: e.triggers.step, timestamp: e.timestamp, timeoutMs: e.triggers.timeoutMs ?? null });
  const next: SagaState = {
    ...state,
    steps,
    updatedAt: Math.max(state.updatedAt, e.timestamp),
    startedAt: e.effect === 'start' && !sawStart ? e.timestamp : Math.min(state.startedAt, e.timestamp),
    completedAt: e.effect === 'complete' ? (state.completedAt ?? e.timestamp) : state.completedAt,
    failedAt: e.effect === 'fail' ? (state.failedAt ?? e.timestamp) : state.failedAt,
  };
  return { ...next, ...deriveStatus(next) };
}

function replay(config: SagaTypeConfig, events: SagaEvent[], eventCount: number, droppedEvents: number): SagaState {
  let state = initialState(config, events[0]!);
  let sawStart = false;
  for (const e of events) {
    state = fold(state, e, sawStart);
    sawStart ||= e.effect === 'start';
  }
  return { ...state, events, eventCount, droppedEvents, truncated: droppedEvents > 0 };
}

/** Index where `e` belongs in the ordered timeline, or -1 when the same record is already there. */
function insertionIndex(events: SagaEvent[], e: SagaEvent): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareEvents(events[mid]!, e);
    if (c === 0) return -1;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  const prev = events[lo - 1];
  // Same record redelivered: compareEvents is 0 only for identical topic/partition/offset at the same time.
  if (prev && prev.topic === e.topic && prev.partition === e.partition && prev.offset === e.offset) return -1;
  return lo;
}

/**
 * Applies one event. Redelivered records change nothing; an event older than the latest one is inserted in time
 * order and the timeline is replayed, so the result does not depend on arrival order.
 */
export function applyEvent(state: SagaState | undefined, e: SagaEvent, config: SagaTypeConfig): SagaState {
  if (!state) {
    const s = fold(initialState(config, e), e, false);
    return { ...s, events: [e], eventCount: 1 };
  }
  const at = insertionIndex(state.events, e);
  if (at === -1) return state;
  const events = state.events.slice();
  events.splice(at, 0, e);
  let dropped = state.droppedEvents;
  if (events.length > MAX_EVENTS_PER_SAGA) {
    events.splice(0, events.length - MAX_EVENTS_PER_SAGA);
    dropped = state.droppedEvents + 1;
  }
  const inOrder = at === state.events.length;
  // Replaying a timeline that lost its oldest events would forget what they established: once any event is dropped
  // (including by this insertion), a late record is folded onto the state instead.
  if (inOrder || dropped > 0) {
    const sawStart = state.events.some((x) => x.effect === 'start');
    const s = fold(state, e, sawStart);
    return { ...s, events, eventCount: state.eventCount + 1, droppedEvents: dropped, truncated: dropped > 0 };
  }
  return replay(config, events, state.eventCount + 1, dropped);
}
