import { percentile, round } from '../bench/stats';
import type { RssSample, SagaCountSample } from './rss-sampler';

const MB = 1024 * 1024;

export interface LatencyFigures {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Mean size of the answers' bodies: what each request costs the server to encode and send. */
  meanBytes: number;
}

export function latencyFigures(latenciesMs: number[], errors: number, bytes: number[] = []): LatencyFigures {
  return {
    meanBytes: bytes.length === 0 ? 0 : Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length),
    requests: latenciesMs.length,
    errors,
    p50: round(percentile(latenciesMs, 50)),
    p95: round(percentile(latenciesMs, 95)),
    p99: round(percentile(latenciesMs, 99)),
    max: round(Math.max(...latenciesMs)),
  };
}

/** Least-squares slope of y over x. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export interface RssFigures {
  samples: number;
  minMB: number;
  maxMB: number;
  /** Over the whole window, MB per minute. */
  slopeMBPerMin: number;
  middleThirdMeanMB: number;
  lastThirdMeanMB: number;
  /** Slope inside the last third alone, MB per minute: steady growth shows here as in the middle. */
  lastThirdSlopeMBPerMin: number;
  middleThirdMeanSagas: number;
  lastThirdMeanSagas: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** RSS over the window [0, windowMs] of the samples, in thirds. */
export function rssFigures(samples: RssSample[], sagas: SagaCountSample[], windowMs: number): RssFigures {
  const inWindow = samples.filter((s) => s.t <= windowMs);
  const inThird = <T extends { t: number }>(xs: T[], k: number) => xs.filter((s) => s.t >= (k * windowMs) / 3 && s.t < ((k + 1) * windowMs) / 3);
  const third = (k: number) => inThird(inWindow, k);
  const toPoints = (xs: RssSample[]) => xs.map((s) => ({ x: s.t / 60_000, y: s.rssBytes / MB }));
  return {
    samples: inWindow.length,
    minMB: round(Math.min(...inWindow.map((s) => s.rssBytes)) / MB),
    maxMB: round(Math.max(...inWindow.map((s) => s.rssBytes)) / MB),
    slopeMBPerMin: round(slope(toPoints(inWindow))),
    middleThirdMeanMB: round(mean(third(1).map((s) => s.rssBytes)) / MB),
    lastThirdMeanMB: round(mean(third(2).map((s) => s.rssBytes)) / MB),
    lastThirdSlopeMBPerMin: round(slope(toPoints(third(2)))),
    middleThirdMeanSagas: Math.round(mean(inThird(sagas, 1).map((s) => s.sagas))),
    lastThirdMeanSagas: Math.round(mean(inThird(sagas, 2).map((s) => s.sagas))),
  };
}
