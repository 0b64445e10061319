import type { SagaTypeConfig } from '../config/schema';
import { compareEvents, type SagaEvent } from './event';
import { emptyStep, type SagaState, type StepState } from './saga-state';
import { deriveStatus } from './status';
import { type EventEffect } from '../vocabulary';

/**
 * Detail kept per saga. A saga normally has a dozen events; the cap protects memory from a saga id that is reused
 * for ever (a hot key) while keeping the whole timeline of any real saga.
 */
export const MAX_EVENTS_PER_SAGA = 500;

type Handler = (steps: StepState[], step: string | null, timestamp: number, timeoutMs: number | null) => void;

/**
 * The named step, replaced in `steps` by a copy the handler may change: states share step objects, so a step is
 * copied only when an event touches it (the array itself is the caller's own copy).
 */
function stepOf(steps: StepState[], name: string | null): StepState | null {
  if (name === null) return null;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].name !== name) continue;
    const s = { ...steps[i] };
    steps[i] = s;
    return s;
  }
  return null;
}

/** Per-effect handlers on the caller's copy of the steps; `Record` makes a new effect a compile error until handled here. */
const HANDLERS: Record<EventEffect, Handler> = {
  start: () => {},
  complete: () => {},
  fail: () => {},
  observed: () => {},
  // The retried record itself arrives on its topic and moves the step; the audit entry only marks the timeline.
  retry: () => {},
  'step-started': (steps, step, timestamp, timeoutMs) => {
    const s = stepOf(steps, step);
    if (!s) return;
    s.attempts += 1;
    // A start no later than the step's end belongs to an earlier attempt that raced its own reply.
    if (s.endedAt !== null && timestamp <= s.endedAt) return;
    s.status = 'running';
    s.startedAt = timestamp;
    s.endedAt = null;
    s.timeoutMs = timeoutMs;
  },
  'step-completed': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    // A late reply after the step already completed counts once.
    if (!s || s.status === 'completed') return;
    if (s.status === 'compensating' || s.status === 'compensated') return;
    s.status = 'completed';
    s.endedAt = timestamp;
  },
  'step-failed': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    // A late failure reply after the step already failed counts once, as a late success does.
    if (!s || s.status === 'failed') return;
    if (s.status === 'compensating' || s.status === 'compensated') return;
    s.status = 'failed';
    s.endedAt = timestamp;
  },
  'compensation-started': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    if (!s || s.compensationStartedAt !== null) return;
    s.compensationStartedAt = timestamp;
    if (s.compensationEndedAt === null) s.status = 'compensating';
  },
  'compensation-completed': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    if (!s || s.compensationEndedAt !== null) return;
    s.compensationEndedAt = timestamp;
    s.compensationStartedAt ??= timestamp;
    s.status = 'compensated';
  },
};

function applyEffects(steps: StepState[], e: SagaEvent): void {
  HANDLERS[e.effect](steps, e.step, e.timestamp, e.timeoutMs);
  if (e.triggers) HANDLERS[e.triggers.effect](steps, e.triggers.step, e.timestamp, e.triggers.timeoutMs ?? null);
}

function isCompensable(config: SagaTypeConfig, step: string): boolean {
  return config.rules.some(
    (r) =>
      (r.effect === 'compensation-started' && r.step === step) ||
      (r.triggers?.effect === 'compensation-started' && r.triggers.step === step),
  );
}

/** Untouched steps per saga type, shared by every saga until an event copies one; frozen so none is changed in place. */
const STEP_TEMPLATES = new WeakMap<SagaTypeConfig, readonly StepState[]>();

function stepTemplate(config: SagaTypeConfig): readonly StepState[] {
  let t = STEP_TEMPLATES.get(config);
  if (!t) STEP_TEMPLATES.set(config, (t = config.steps.map((name) => Object.freeze(emptyStep(name, isCompensable(config, name))))));
  return t;
}

export function initialState(config: SagaTypeConfig, first: SagaEvent): SagaState {
  return {
    id: first.sagaId,
    type: config.type,
    startedAt: first.timestamp,
    updatedAt: first.timestamp,
    completedAt: null,
    failedAt: null,
    steps: stepTemplate(config).slice(),
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

/** Fills in what deriveStatus computes, on a state object not shared yet. */
function settle(s: SagaState): SagaState {
  const d = deriveStatus(s);
  s.status = d.status;
  s.currentStep = d.currentStep;
  s.phase = d.phase;
  s.endedAt = d.endedAt;
  return s;
}

/**
 * An audit entry (a retry published or failed) marks the timeline but is not the saga moving: it neither restarts the
 * stuck clock nor clears an alert. The resent record, read on its own topic, is what moves the saga.
 */
function isActivity(e: SagaEvent): boolean {
  return e.effect !== 'retry';
}

/** Folds one event into a state known to contain every earlier event; returns a new state with the given timeline. */
function fold(state: SagaState, e: SagaEvent, sawStart: boolean, events: SagaEvent[], eventCount: number, droppedEvents: number): SagaState {
  const steps = state.steps.slice();
  applyEffects(steps, e);
  return settle({
    id: state.id,
    type: state.type,
    startedAt: e.effect === 'start' && !sawStart ? e.timestamp : Math.min(state.startedAt, e.timestamp),
    updatedAt: isActivity(e) ? Math.max(state.updatedAt, e.timestamp) : state.updatedAt,
    completedAt: e.effect === 'complete' ? (state.completedAt ?? e.timestamp) : state.completedAt,
    failedAt: e.effect === 'fail' ? (state.failedAt ?? e.timestamp) : state.failedAt,
    steps,
    status: state.status,
    currentStep: state.currentStep,
    phase: state.phase,
    endedAt: state.endedAt,
    events,
    eventCount,
    droppedEvents,
    truncated: droppedEvents > 0,
  });
}

/** The state of a whole timeline, as folding its events one by one would give (status derived once, at the end). */
function replay(config: SagaTypeConfig, events: SagaEvent[], eventCount: number, droppedEvents: number): SagaState {
  const s = initialState(config, events[0]);
  let sawStart = false;
  for (const e of events) {
    applyEffects(s.steps, e);
    s.startedAt = e.effect === 'start' && !sawStart ? e.timestamp : Math.min(s.startedAt, e.timestamp);
    if (isActivity(e)) s.updatedAt = Math.max(s.updatedAt, e.timestamp);
    if (e.effect === 'complete') s.completedAt ??= e.timestamp;
    if (e.effect === 'fail') s.failedAt ??= e.timestamp;
    sawStart ||= e.effect === 'start';
  }
  s.events = events;
  s.eventCount = eventCount;
  s.droppedEvents = droppedEvents;
  s.truncated = droppedEvents > 0;
  return settle(s);
}

/** Index where `e` belongs in the ordered timeline, or -1 when the same record is already there. */
function insertionIndex(events: SagaEvent[], e: SagaEvent): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareEvents(events[mid], e);
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
  if (!state) return fold(initialState(config, e), e, false, [e], 1, 0);
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
  if (inOrder || dropped > 0) return fold(state, e, state.events.some((x) => x.effect === 'start'), events, state.eventCount + 1, dropped);
  return replay(config, events, state.eventCount + 1, dropped);
}
