import type { SlowStepsConfig } from '../config/schema';
import type { StepState } from './saga-state';

/** What the learned percentiles of one (saga type, step) say when a waiting step of that kind was judged. */
export interface SlowInfo {
  step: string;
  /** Start of the attempt that is slow: the flag belongs to it and goes once the step moves on. */
  stepStartedAt: number;
  /** When the step crossed its threshold: stepStartedAt + thresholdMs. */
  since: number;
  thresholdMs: number;
  p50Ms: number;
  p99Ms: number;
  samples: number;
  factor: number;
}

/** The learned figures a threshold is made of; p50/p99 are null while nothing was learned. */
export interface LearnedDurations {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** How long a step may wait before it is slow: max(floorMs, factor x p99), or null until minSamples were seen. */
export function slowAfterMs(d: Pick<LearnedDurations, 'samples' | 'p99Ms'>, cfg: SlowStepsConfig): number | null {
  if (d.p99Ms === null || d.samples < cfg.minSamples) return null;
  return Math.max(cfg.floorMs, Math.ceil(cfg.factor * d.p99Ms));
}

/**
 * When a running step becomes slow, or null when it never can: it has no start, or the slow threshold is not below
 * its hard timeout (the step would be stuck first, and stuck already says more).
 */
export function slowDeadline(step: Pick<StepState, 'status' | 'startedAt'>, slowAfter: number | null, hardTimeoutMs: number | null): number | null {
  if (step.status !== 'running' || step.startedAt === null || slowAfter === null) return null;
  if (hardTimeoutMs !== null && slowAfter >= hardTimeoutMs) return null;
  return step.startedAt + slowAfter;
}

/** Whether a step waiting since step.startedAt is slow at `now`. */
export function isSlowAt(step: Pick<StepState, 'status' | 'startedAt'>, now: number, slowAfter: number | null, hardTimeoutMs: number | null): boolean {
  const at = slowDeadline(step, slowAfter, hardTimeoutMs);
  return at !== null && now >= at;
}

/** The flag of a step that crossed its threshold; null while nothing was learned for it. */
export function slowInfo(step: Pick<StepState, 'name' | 'startedAt'>, d: LearnedDurations, cfg: SlowStepsConfig): SlowInfo | null {
  const threshold = slowAfterMs(d, cfg);
  if (threshold === null || step.startedAt === null || d.p50Ms === null || d.p99Ms === null) return null;
  return {
    step: step.name,
    stepStartedAt: step.startedAt,
    since: step.startedAt + threshold,
    thresholdMs: threshold,
    p50Ms: d.p50Ms,
    p99Ms: d.p99Ms,
    samples: d.samples,
    factor: cfg.factor,
  };
}
