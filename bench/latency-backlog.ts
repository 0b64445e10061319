import { round } from './stats';

export interface LagSample {
  /** ms since the phase began. */
  t: number;
  /** Records acknowledged by the broker but not yet consumed by the monitor. */
  lag: number;
}

export interface BacklogSummary {
  /** Mean lag over the first and the last window of the phase. */
  lagAtStart: number;
  lagAtEnd: number;
  /** Least-squares slope of lag over the whole phase, records per second. */
  slopePerSec: number;
  noGrowingBacklog: boolean;
}

/** Lag is averaged over this much of each end of the phase: one sample is only a snapshot between two fetches. */
export const BACKLOG_WINDOW_MS = 5_000;
/** A backlog grew when it ended more than this many seconds of input above where it started. */
export const BACKLOG_TOLERANCE_S = 1;

const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

function slope(samples: readonly LagSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = mean(samples.map((s) => s.t));
  const ml = mean(samples.map((s) => s.lag));
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.lag - ml);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 1000;
}

/**
 * Whether the monitor kept up with `ratePerSec`: the lag at the end of the phase may exceed the lag at its start by
 * at most BACKLOG_TOLERANCE_S seconds of input. A monitor that falls behind shows a lag that rises without bound.
 */
export function summarizeBacklog(samples: readonly LagSample[], ratePerSec: number): BacklogSummary {
  if (samples.length === 0) return { lagAtStart: Number.NaN, lagAtEnd: Number.NaN, slopePerSec: Number.NaN, noGrowingBacklog: false };
  const first = samples[0].t;
  const last = samples[samples.length - 1].t;
  const lagAtStart = mean(samples.filter((s) => s.t <= first + BACKLOG_WINDOW_MS).map((s) => s.lag));
  const lagAtEnd = mean(samples.filter((s) => s.t >= last - BACKLOG_WINDOW_MS).map((s) => s.lag));
  return {
    lagAtStart: Math.round(lagAtStart),
    lagAtEnd: Math.round(lagAtEnd),
    slopePerSec: round(slope(samples), 1),
    noGrowingBacklog: lagAtEnd - lagAtStart <= ratePerSec * BACKLOG_TOLERANCE_S,
  };
}
