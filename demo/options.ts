import { SAGA_TYPES, STEP_NAMES, isSagaType, type SagaType, type StepName } from './event-catalog';
import { checkLatencyRange, formatLatency, isLatencyRange, type LatencyRange } from './latency';
import type { ForceOutcome } from './outcome';
import { randomSeed } from '../lib/random';
import { checkRunTag, newRunTag } from './saga-id';
import type { OrderStep } from './order-steps';
import { checkSkipCompensation } from './skip-compensation';
import { checkStepKnob, formatStepKnob, knobFor, resolveStepKnob, type StepKnob, type StepKnobInput } from './step-knob';

/** A few sagas a second per type keeps the dashboard busy without flooding a laptop broker. */
export const DEFAULT_RATE_PER_SECOND = 3;
/** 8% per step fails about one saga in five (1 - 0.92^3), so compensations are always on screen. */
export const DEFAULT_FAILURE_RATE = 0.08;
/** 3% per record drops about one saga in ten: a few stuck sagas a minute at the default rate. */
export const DEFAULT_STUCK_RATE = 0.03;
/** Tens to hundreds of ms per step, like a service call; a saga takes about a second end to end. */
export const DEFAULT_LATENCY: LatencyRange = { minMs: 50, maxMs: 400 };
/** The demo is one process showing sagas, not a load generator; past this it would mostly measure itself. */
export const MAX_RATE_PER_SECOND = 1_000;

export interface DemoOptions {
  /** Which saga types to generate and serve; default both. */
  sagaTypes?: readonly SagaType[];
  /** New sagas per second for each saga type; a number applies to every type; 0 generates none. */
  ratePerSecond?: number | Partial<Record<SagaType, number>>;
  /** Share of step commands/events a worker answers with a failure (never for compensations). */
  failureRate?: StepKnobInput<number>;
  /** Share of the commands/events a worker silently drops (the saga waits for ever); never for retried records. */
  stuckRate?: StepKnobInput<number>;
  /** Uniform delay before a worker answers, per step. */
  latency?: StepKnobInput<LatencyRange>;
  /** Same seed, same business data and outcomes per saga ordinal; default random (printed at start). */
  seed?: number;
  /** Stop generating after this many sagas of each type (workers keep serving); default unlimited. */
  maxSagas?: number | null;
  /** Prepended to every topic and consumer group so tests can share a broker. */
  topicPrefix?: string;
  /** Middle part of saga ids (`ord-<runTag>-<n>`); default from the clock so runs never collide. */
  runTag?: string;
  clientId?: string;
  /** Pins a saga's outcome at a step, for tests (see outcome.ts). */
  forceOutcome?: ForceOutcome;
  /** Order steps the orchestrator does not compensate when a later step fails (see skip-compensation.ts). */
  skipCompensation?: readonly StepName[];
  /** Where warnings go; default console.warn. */
  log?: (line: string) => void;
}

export interface ResolvedDemoOptions {
  sagaTypes: readonly SagaType[];
  ratePerSecond: Record<SagaType, number>;
  failureRate: StepKnob<number>;
  stuckRate: StepKnob<number>;
  latency: StepKnob<LatencyRange>;
  seed: number;
  maxSagas: number | null;
  topicPrefix: string;
  runTag: string;
  clientId: string;
  forceOutcome: ForceOutcome | undefined;
  skipCompensation: readonly OrderStep[];
  log: (line: string) => void;
}

const isNumber = (x: unknown): x is number => typeof x === 'number';

function checkShare(what: string) {
  return (v: number, where: string) => {
    if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new Error(`${what} (${where}) must be between 0 and 1, got ${v}`);
  };
}

function resolveRates(input: DemoOptions['ratePerSecond']): Record<SagaType, number> {
  const base = typeof input === 'number' ? input : DEFAULT_RATE_PER_SECOND;
  const per = typeof input === 'object' ? input : {};
  const rates = Object.fromEntries(SAGA_TYPES.map((t) => [t, per[t] ?? base])) as Record<SagaType, number>;
  for (const [t, r] of Object.entries(rates)) {
    if (!(Number.isFinite(r) && r >= 0 && r <= MAX_RATE_PER_SECOND)) {
      throw new Error(`rate for ${t} must be between 0 and ${MAX_RATE_PER_SECOND} sagas per second, got ${r}`);
    }
  }
  return rates;
}

export function resolveOptions(o: DemoOptions): ResolvedDemoOptions {
  const sagaTypes = o.sagaTypes ?? SAGA_TYPES;
  if (sagaTypes.length === 0) throw new Error('no saga types selected');
  for (const t of sagaTypes) if (!isSagaType(t)) throw new Error(`unknown saga type "${String(t)}"; expected ${SAGA_TYPES.join(', ')}`);
  const failureRate = checkStepKnob(resolveStepKnob(o.failureRate, DEFAULT_FAILURE_RATE, isNumber), checkShare('failure rate'));
  const stuckRate = checkStepKnob(resolveStepKnob(o.stuckRate, DEFAULT_STUCK_RATE, isNumber), checkShare('stuck rate'));
  for (const step of STEP_NAMES) {
    const sum = knobFor(failureRate, step) + knobFor(stuckRate, step);
    if (sum > 1) throw new Error(`failure rate + stuck rate of step ${step} is ${sum}, above 1`);
  }
  const latency = checkStepKnob(resolveStepKnob(o.latency, DEFAULT_LATENCY, isLatencyRange), (v) => checkLatencyRange(v));
  const maxSagas = o.maxSagas ?? null;
  if (maxSagas !== null && !(Number.isInteger(maxSagas) && maxSagas >= 0)) throw new Error(`maxSagas must be a whole number, got ${maxSagas}`);
  const seed = o.seed ?? randomSeed();
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return {
    sagaTypes: [...new Set(sagaTypes)],
    ratePerSecond: resolveRates(o.ratePerSecond),
    failureRate,
    stuckRate,
    latency,
    seed,
    maxSagas,
    topicPrefix: o.topicPrefix ?? '',
    runTag: checkRunTag(o.runTag ?? newRunTag()),
    clientId: o.clientId ?? 'saga-demo',
    forceOutcome: o.forceOutcome,
    skipCompensation: checkSkipCompensation(o.skipCompensation ?? []),
    log: o.log ?? ((line) => console.warn(line)),
  };
}

/** The effective settings, one per line, printed at start so a run can be understood and replayed. */
export function describeOptions(r: ResolvedDemoOptions, brokers: readonly string[]): string[] {
  const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
  return [
    `brokers:       ${brokers.join(',')}`,
    `saga types:    ${r.sagaTypes.join(', ')}`,
    `rate:          ${r.sagaTypes.map((t) => `${t}=${r.ratePerSecond[t]}/s`).join(', ')}`,
    `max sagas:     ${r.maxSagas === null ? 'unlimited' : `${r.maxSagas} per type`}`,
    `failure rate:  ${formatStepKnob(r.failureRate, pct)}`,
    `stuck rate:    ${formatStepKnob(r.stuckRate, pct)}`,
    `latency:       ${formatStepKnob(r.latency, formatLatency)}`,
    `seed:          ${r.seed} (replay with --seed ${r.seed})`,
    `run tag:       ${r.runTag} (saga ids look like ord-${r.runTag}-1)`,
    `topic prefix:  ${r.topicPrefix === '' ? '(none)' : r.topicPrefix}`,
    `compensation:  ${r.skipCompensation.length === 0 ? 'every completed step' : `none for ${r.skipCompensation.join(', ')}`}`,
  ];
}
