import { build, type Histogram } from 'hdr-histogram-js';
import type { LearnedDurations } from '../../lib/saga/slow';

/**
 * Percentiles cover the current window and the one before it, so they follow the last 10 to 20 minutes: long enough
 * for hundreds of samples of a busy step, short enough to follow a deploy that made a step slower or faster.
 */
export const DURATION_WINDOW_MS = 10 * 60_000;
/** Shortest duration recorded: a reply stamped before its command (clocks out of step) counts as this. */
export const MIN_DURATION_MS = 1;
/** Longest duration recorded: past an hour a step is stuck by any timeout, and the histogram keeps a fixed size. */
export const MAX_DURATION_MS = 60 * 60_000;
/** Two significant digits: percentiles within 1%, about 9 KB per histogram with the range above. */
const SIGNIFICANT_DIGITS = 2;
/**
 * The per-event path reuses the last percentiles until this share of the samples is new: a threshold moves little
 * with 1% more samples, and recomputing scans the whole histogram.
 */
const RECOMPUTE_SHARE = 0.01;

export interface StepDurationStats extends LearnedDurations {
  p90Ms: number | null;
  maxMs: number | null;
}

interface Series {
  current: Histogram;
  previous: Histogram;
  currentFrom: number;
  cached: StepDurationStats | null;
  /** Samples recorded since `cached` was computed. */
  sinceCached: number;
}

function histogram(): Histogram {
  // Pure JavaScript counts (no WebAssembly), fixed range: memory per step is known up front.
  return build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_DURATION_MS,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    useWebAssembly: false,
  });
}

/** A duration the histogram can hold: whole ms within [MIN_DURATION_MS, MAX_DURATION_MS]; null when not a number. */
export function clampDuration(ms: number): number | null {
  if (Number.isNaN(ms)) return null;
  return Math.min(MAX_DURATION_MS, Math.max(MIN_DURATION_MS, Math.round(ms)));
}

const EMPTY: StepDurationStats = { samples: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null };

/**
 * How long completed steps took, per (saga type, step), over two alternating windows of DURATION_WINDOW_MS on the
 * injected clock: the current one takes new samples; when it is a window old it becomes the previous one and the old
 * previous one is cleared. Two fixed-size histograms per configured step, none for steps the config does not name.
 */
export class StepDurations {
  private readonly series = new Map<string, Map<string, Series>>();
  /** Where current + previous are merged for a query; one for all steps. */
  private readonly merged = histogram();

  constructor(
    sagaTypes: Iterable<{ type: string; steps: readonly string[] }>,
    private readonly now: () => number,
  ) {
    const at = now();
    for (const { type, steps } of sagaTypes) {
      const bySteps = new Map<string, Series>();
      for (const step of steps) bySteps.set(step, { current: histogram(), previous: histogram(), currentFrom: at, cached: null, sinceCached: 0 });
      this.series.set(type, bySteps);
    }
  }

  /** Adds one completed attempt; ignored for a step the config does not name or a duration that is not a number. */
  record(sagaType: string, step: string, ms: number): void {
    const s = this.series.get(sagaType)?.get(step);
    const value = clampDuration(ms);
    if (!s || value === null) return;
    this.rotate(s);
    s.current.recordValue(value);
    s.sinceCached += 1;
  }

  /** Exact figures over both windows; null for a step the config does not name. */
  stats(sagaType: string, step: string): StepDurationStats | null {
    const s = this.series.get(sagaType)?.get(step);
    if (!s) return null;
    this.rotate(s);
    return s.cached !== null && s.sinceCached === 0 ? s.cached : this.compute(s);
  }

  /** Like stats, but may lag by less than RECOMPUTE_SHARE of the samples: for the path every record takes. */
  recentStats(sagaType: string, step: string): StepDurationStats | null {
    const s = this.series.get(sagaType)?.get(step);
    if (!s) return null;
    this.rotate(s);
    if (s.cached !== null && s.sinceCached <= s.cached.samples * RECOMPUTE_SHARE) return s.cached;
    return this.compute(s);
  }

  /** Every configured (saga type, step), in config order, with exact figures. */
  all(): Array<{ sagaType: string; step: string; stats: StepDurationStats }> {
    const out: Array<{ sagaType: string; step: string; stats: StepDurationStats }> = [];
    for (const [sagaType, bySteps] of this.series) {
      for (const step of bySteps.keys()) out.push({ sagaType, step, stats: this.stats(sagaType, step)! });
    }
    return out;
  }

  private rotate(s: Series): void {
    const age = this.now() - s.currentFrom;
    if (age < DURATION_WINDOW_MS) return;
    const old = s.previous;
    old.reset();
    if (age >= 2 * DURATION_WINDOW_MS) {
      // Nothing recorded for two windows: both are out of date.
      s.current.reset();
      s.currentFrom = this.now();
    } else {
      s.previous = s.current;
      s.current = old;
      s.currentFrom += DURATION_WINDOW_MS;
    }
    s.cached = null;
  }

  private compute(s: Series): StepDurationStats {
    let h = s.current;
    if (s.previous.totalCount > 0) {
      h = this.merged;
      h.reset();
      h.add(s.previous);
      h.add(s.current);
    }
    const samples = h.totalCount;
    const stats =
      samples === 0
        ? EMPTY
        : { samples, p50Ms: h.getValueAtPercentile(50), p90Ms: h.getValueAtPercentile(90), p99Ms: h.getValueAtPercentile(99), maxMs: h.maxValue };
    s.cached = stats;
    s.sinceCached = 0;
    return stats;
  }
}
