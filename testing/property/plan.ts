/**
 * Workload generator, part 2: the knobs of a random workload and the per-saga rolls, written from the demo's knobs
 * (demo/README.md: failure rate, stuck rate, latency) plus what the demo does not do on its own but the issue asks
 * for: replies that come late, operators who retry, orchestrators that stop, reactions in the same millisecond,
 * producers whose clocks disagree, and a retried step whose late original reply says the opposite of the retry's.
 * A knob at 0 (or null) draws nothing from the saga's generator, so turning the last two off gives the histories the
 * workload had before them.
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
  /** Delay between a record's sending and its append to the log: offsets are not in timestamp order. */
  jitterMs: number;
  /**
   * Producer clocks: each of a saga's producers (the requester, the orchestrator, every worker or service) is off, with
   * chance `share`, by up to `maxMs` ahead or behind, so replies can be stamped before their commands. Rolled per saga,
   * so a run covers many pairs of clocks; null for one true clock. The monitor's own resends use the true clock. Two
   * clocks then differ by at most 2 * maxMs: kept within the contract's tolerance (lib/saga/causal-order.ts
   * MAX_CLOCK_SKEW_MS), beyond which README leaves a reply to its own time.
   */
  clockSkew: { share: number; maxMs: number } | null;
  /** Share of retried step actions (whose original reply comes late) answered with the opposite outcome of the original. */
  conflictRate: number;
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
  clockSkew: { share: 0.3, maxMs: 1_000 },
  conflictRate: 0.5,
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

/** A producer's clock offset for one saga (see WorkloadKnobs.clockSkew); draws nothing when skew is off. */
export function clockOffset(rng: Rng, k: WorkloadKnobs): number {
  if (!k.clockSkew || k.clockSkew.share <= 0 || !rng.chance(k.clockSkew.share)) return 0;
  return rng.int(-k.clockSkew.maxMs, k.clockSkew.maxMs);
}

/**
 * The outcome a worker answers a retried action with: the original's, or with chance conflictRate, when the original
 * reply comes late, the opposite one. Draws nothing when the knob is off or the original is not late.
 */
export function retriedOutcome(rng: Rng, k: WorkloadKnobs, p: PhasePlan, outcome: 'ok' | 'fail'): 'ok' | 'fail' {
  if (k.conflictRate <= 0 || (p.slowMs ?? 0) <= 0 || !rng.chance(k.conflictRate)) return outcome;
  return outcome === 'ok' ? 'fail' : 'ok';
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
