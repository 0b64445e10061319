import type { Rng } from '../lib/random';

/** A uniform latency distribution in milliseconds, both ends included. */
export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

/** Latencies past a minute would only look like stuck sagas; refusing them catches a typo such as "50-40000". */
export const MAX_LATENCY_MS = 60_000;

/** Parses "50-400" (uniform) or "120" (fixed). */
export function parseLatencyRange(s: string): LatencyRange {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(s);
  if (!m) throw new Error(`latency "${s}" is not "MIN-MAX" or "MS" in milliseconds`);
  const minMs = Number(m[1]);
  const maxMs = m[2] === undefined ? minMs : Number(m[2]);
  return checkLatencyRange({ minMs, maxMs });
}

export function checkLatencyRange(r: LatencyRange): LatencyRange {
  const ok = Number.isInteger(r.minMs) && Number.isInteger(r.maxMs) && r.minMs >= 0 && r.minMs <= r.maxMs;
  if (!ok) throw new Error(`latency ${r.minMs}-${r.maxMs} ms needs whole milliseconds with 0 <= min <= max`);
  if (r.maxMs > MAX_LATENCY_MS) throw new Error(`latency ${r.maxMs} ms is above the ${MAX_LATENCY_MS} ms cap`);
  return r;
}

export function isLatencyRange(x: unknown): x is LatencyRange {
  return typeof x === 'object' && x !== null && 'minMs' in x && 'maxMs' in x;
}

export function sampleLatency(r: LatencyRange, rng: Rng): number {
  return rng.int(r.minMs, r.maxMs);
}

export function formatLatency(r: LatencyRange): string {
  return r.minMs === r.maxMs ? `${r.minMs} ms` : `${r.minMs}-${r.maxMs} ms`;
}
