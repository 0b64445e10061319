/**
 * Workload generator, part 2: the knobs of a random workload and the per-saga rolls, written from the demo's knobs
 * (demo/README.md: failure rate, stuck rate, latency) plus what the demo does not do on its own but the issue asks
 * for: replies that come late, operators who retry, orchestrators that stop, and reactions in the same millisecond.
 */
import type { SagaTypeConfig } from '../../lib/config/schema';
import type { Rng } from '../../lib/random';

export interface WorkloadKnobs {
  sagas: number;
  /** Sagas start uniformly over this window. */
  windowMs: number;
  /** Share of step actions a service answers with a failure (compensations never fail, as in the demo). */
  failureRate: number;
  /** Share of commands and events a service silently drops; a retried record is never dropped. */
  dropRate: number;
  /** Share of replies that come close to the threshold: half just in time, half after it (late replies). */
  slowRate: number;
  /** Share of orders whose orchestrator stops handling them after a random decision. */
  crashRate: number;
  /** Share of stalled sagas an operator retries once they show as stuck. */
  retryRate: number;
  /** Share of reactions published in the same millisecond as their cause. */
  tieRate: number;
  latencyMs: { min: number; max: number };
  /** Delay between a record's timestamp and its append to the log: offsets are not in timestamp order. */
  jitterMs: number;
}

export const DEFAULT_KNOBS: WorkloadKnobs = {
  sagas: 2_000,
  windowMs: 60_000,
  failureRate: 0.12,
  dropRate: 0.06,
  slowRate: 0.06,
  crashRate: 0.04,
  retryRate: 0.7,
  tieRate: 0.04,
  latencyMs: { min: 20, max: 400 },
  jitterMs: 30,
};

/** A reply just in time lands this far before the threshold at least: well clear of delivery delays. */
export const IN_TIME_MARGIN_MS = { min: 300, max: 800 };
/** A late reply lands this far after the threshold. */
export const LATE_BY_MS = { min: 1_200, max: 6_000 };
/** An operator acts this long after a saga shows as stuck. */
export const OPERATOR_DELAY_MS = { min: 300, max: 4_000 };

export type Outcome = 'ok' | 'fail' | 'drop';
export type Phase = 'action' | 'compensation';

export interface PhasePlan {
  outcome: Outcome;
  /** Reply delay relative to the threshold of the wait (negative: just in time), or null for a normal latency. */
  slowMs: number | null;
}

export function rollPhase(rng: Rng, k: WorkloadKnobs, phase: Phase): PhasePlan {
  const u = rng.float();
  const failureRate = phase === 'action' ? k.failureRate : 0;
  const outcome: Outcome = u < failureRate ? 'fail' : u < failureRate + k.dropRate ? 'drop' : 'ok';
  if (outcome === 'drop' || !rng.chance(k.slowRate)) return { outcome, slowMs: null };
  const late = rng.chance(0.5);
  return { outcome, slowMs: late ? rng.int(LATE_BY_MS.min, LATE_BY_MS.max) : -rng.int(IN_TIME_MARGIN_MS.min, IN_TIME_MARGIN_MS.max) };
}

export function latency(rng: Rng, k: WorkloadKnobs): number {
  return rng.chance(k.tieRate) ? 0 : rng.int(k.latencyMs.min, k.latencyMs.max);
}

/** How long the monitor lets a saga wait before calling it stuck, read from the config as an operator would. */
export function waitThreshold(type: SagaTypeConfig, step: string, phase: Phase): number {
  if (phase === 'action') {
    for (const r of type.rules) {
      if (r.effect === 'step-started' && r.step === step && r.timeoutMs) return r.timeoutMs;
      if (r.triggers?.effect === 'step-started' && r.triggers.step === step && r.triggers.timeoutMs) return r.triggers.timeoutMs;
    }
  }
  return type.stuckAfterMs;
}
