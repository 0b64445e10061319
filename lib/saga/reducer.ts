import type { SagaTypeConfig } from '../config/schema';
import { causalOrder, mayReorder } from './causal-order';
import { compareEvents, type SagaEvent } from './event';
import { emptyStep, type SagaState, type StepState } from './saga-state';
import { deriveStatus } from './status';
import { type EventEffect } from '../vocabulary';

/**
 * Detail kept per saga. A saga normally has a dozen events; the cap protects memory from a saga id that is reused
 * for ever (a hot key) while keeping the whole timeline of any real saga.
 */
export const MAX_EVENTS_PER_SAGA = 500;

/** `late`: folded out of timeline order onto a truncated saga, which cannot be replayed. */
type Handler = (steps: StepState[], step: string | null, timestamp: number, timeoutMs: number | null, late: boolean) => void;

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

/**
 * A reply ends the attempt it answers (the timeline is in causal order, so that attempt is the running one), or a step
 * never started, as it says (a reply without request). A reply once the step ended answers an attempt that already has
 * its answer: a repeat counts once, a contradiction is a finding (conflicting-replies); neither changes the step.
 */
function endStep(s: StepState | null, to: 'completed' | 'failed', timestamp: number): void {
  if (!s || (s.status !== 'running' && s.status !== 'pending')) return;
  s.status = to;
  // A reply stamped before its command (producers' clocks disagree) ends the step at its start: 0 ms, never less.
  s.endedAt = s.startedAt === null ? timestamp : Math.max(timestamp, s.startedAt);
}

/** Per-effect handlers on the caller's copy of the steps; `Record` makes a new effect a compile error until handled here. */
const HANDLERS: Record<EventEffect, Handler> = {
  start: () => {},
  complete: () => {},
  fail: () => {},
  observed: () => {},
  // The retried record itself arrives on its topic and moves the step; the audit entry only marks the timeline.
  retry: () => {},
  'step-started': (steps, step, timestamp, timeoutMs, late) => {
    const s = stepOf(steps, step);
    if (!s) return;
    s.attempts += 1;
    // Once the step's compensation started the saga is rolling back: a start then (a retry that raced the failure after
    // it) is an attempt that reopens nothing.
    if (s.compensationStartedAt !== null) return;
    // Folded late, a start no later than the step's end belongs to an earlier attempt that raced its own reply.
    if (late && s.endedAt !== null && timestamp <= s.endedAt) return;
    s.status = 'running';
    s.startedAt = timestamp;
    s.endedAt = null;
    s.timeoutMs = timeoutMs;
  },
  'step-completed': (steps, step, timestamp) => endStep(stepOf(steps, step), 'completed', timestamp),
  'step-failed': (steps, step, timestamp) => endStep(stepOf(steps, step), 'failed', timestamp),
  'compensation-started': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    if (!s || s.compensationStartedAt !== null) return;
    s.compensationStartedAt = timestamp;
    if (s.compensationEndedAt === null) s.status = 'compensating';
  },
  'compensation-completed': (steps, step, timestamp) => {
    const s = stepOf(steps, step);
    if (!s || s.compensationEndedAt !== null) return;
    s.compensationStartedAt ??= timestamp;
    s.compensationEndedAt = Math.max(timestamp, s.compensationStartedAt);
    s.status = 'compensated';
  },
};

/**
 * When a record's consequences begin: its own time, or for a reply stamped before the start it answers, that start's
 * time, so a chain of early replies never ends or starts anything before its cause (durations are never negative, and
 * the step compensated last is the one whose compensation ended last in causal order).
 */
function effectiveTime(steps: StepState[], e: SagaEvent): number {
  const s = e.step === null ? undefined : steps.find((x) => x.name === e.step);
  if (!s) return e.timestamp;
  if (e.effect === 'step-completed' || e.effect === 'step-failed') return Math.max(e.timestamp, s.startedAt ?? -Infinity);
  if (e.effect === 'compensation-completed') return Math.max(e.timestamp, s.compensationStartedAt ?? -Infinity);
  return e.timestamp;
}

function applyEffects(steps: StepState[], e: SagaEvent, late = false): void {
  HANDLERS[e.effect](steps, e.step, e.timestamp, e.timeoutMs, late);
  if (e.triggers) HANDLERS[e.triggers.effect](steps, e.triggers.step, effectiveTime(steps, e), e.triggers.timeoutMs ?? null, late);
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
  // An end stamped before the saga's start (the orchestrator's clock behind the requester's) is taken at the start:
  // a saga lasts 0 ms, never less.
  s.endedAt = d.endedAt === null ? null : Math.max(d.endedAt, s.startedAt);
  return s;
}

/**
 * An audit entry (a retry published or failed) marks the timeline but is not the saga moving: it neither restarts the
 * stuck clock nor clears an alert. The resent record, read on its own topic, is what moves the saga.
 */
function isActivity(e: SagaEvent): boolean {
  return e.effect !== 'retry';
}

/**
 * Folds one event into a state known to contain every event before it in causal order (or, `late`, onto a truncated
 * timeline it cannot be replayed with); returns a new state with the given timeline.
 */
function fold(state: SagaState, e: SagaEvent, sawStart: boolean, events: SagaEvent[], eventCount: number, droppedEvents: number, late = false): SagaState {
  const steps = state.steps.slice();
  applyEffects(steps, e, late);
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

/**
 * The state of a whole timeline, as folding its events one by one would give (status derived once, at the end): steps
 * move in causal order, the saga's own times are read in timeline order.
 */
function replay(config: SagaTypeConfig, events: SagaEvent[], eventCount: number, droppedEvents: number): SagaState {
  const s = initialState(config, events[0]);
  for (const e of causalOrder(events)) applyEffects(s.steps, e);
  let sawStart = false;
  for (const e of events) {
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
 * order and the timeline is replayed, so the result does not depend on arrival order. So is one that moves a reply
 * already there behind it (a command read after its early-stamped reply).
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
  const sawStart = () => state.events.some((x) => x.effect === 'start');
  // Replaying a timeline that lost its oldest events would forget what they established: once any event is dropped
  // (including by this insertion), a late record is folded onto the state instead.
  if (dropped > 0) return fold(state, e, sawStart(), events, state.eventCount + 1, dropped, !inOrder);
  if (inOrder && !mayReorder(state.events, e)) return fold(state, e, sawStart(), events, state.eventCount + 1, dropped);
  return replay(config, events, state.eventCount + 1, dropped);
}
