import type { SagaTypeConfig } from '../config/schema';

/**
 * The monitor's clock against the records' timestamps, from the records it reads live (after catch-up, in batches
 * that reach the end of their partition): the gap is the smallest read time minus timestamp over the last
 * CLOCK_WINDOW_MS, how far the monitor's clock runs ahead of the freshest records. When clocks agree it is the
 * delivery delay, milliseconds; negative when a record is stamped ahead of the monitor's clock. Pure: read times are
 * passed in.
 */

/** Long enough to hold records of many sagas on a quiet cluster, short enough to follow a clock that was set right. */
export const CLOCK_WINDOW_MS = 60_000;
/**
 * Every record of at least this many sagas behind: the monitor's own clock, not one producer's (a few sagas whose
 * records are old are stuck at once, as README says). Fewer sagas than this can be raised stuck meanwhile.
 */
export const CLOCK_MIN_SAGAS = 20;

export interface ClockView {
  /** Smallest read time minus timestamp over the window; null before anything was read live. */
  gapMs: number | null;
  /** How many sagas the gap rests on, up to CLOCK_MIN_SAGAS. */
  sagas: number;
  /** The smallest step timeout: a gap past it makes every waiting saga look stuck at once, or none. */
  limitMs: number;
  disagrees: boolean;
  /** Stuck is judged on a clock this far behind the monitor's: the records' clock, while the monitor's runs ahead. */
  judgedBehindMs: number;
}

interface Half {
  start: number;
  gapMs: number;
  sagas: Set<string>;
}

const HALF_MS = CLOCK_WINDOW_MS / 2;

/** The smallest threshold any saga can be judged stuck by: a step's timeout or a saga type's stuckAfterMs. */
export function smallestThreshold(types: readonly SagaTypeConfig[]): number {
  let min = Infinity;
  for (const t of types) {
    min = Math.min(min, t.stuckAfterMs);
    for (const r of t.rules) min = Math.min(min, r.timeoutMs ?? Infinity, r.triggers?.timeoutMs ?? Infinity);
  }
  return min;
}

export class ClockCheck {
  /** The window as two halves, so it slides in steps of half a window. */
  private current: Half | null = null;
  private previous: Half | null = null;
  /** The last window that saw records, kept while nothing is read: a quiet cluster says nothing new about clocks. */
  private kept: { gapMs: number; sagas: number } | null = null;

  constructor(readonly limitMs: number) {}

  observe(sagaId: string, timestamp: number, readAt: number): void {
    this.roll(readAt);
    const half = (this.current ??= { start: halfOf(readAt), gapMs: Infinity, sagas: new Set() });
    half.gapMs = Math.min(half.gapMs, readAt - timestamp);
    if (half.sagas.size < CLOCK_MIN_SAGAS) half.sagas.add(sagaId);
  }

  view(now: number): ClockView {
    this.roll(now);
    this.keep();
    if (!this.kept) return { gapMs: null, sagas: 0, limitMs: this.limitMs, disagrees: false, judgedBehindMs: 0 };
    const { gapMs, sagas } = this.kept;
    const ahead = gapMs > this.limitMs && sagas >= CLOCK_MIN_SAGAS;
    // Records stamped ahead only keep their sagas from turning stuck until then: said, not corrected.
    const behind = gapMs < -this.limitMs;
    return { gapMs, sagas, limitMs: this.limitMs, disagrees: ahead || behind, judgedBehindMs: ahead ? gapMs : 0 };
  }

  /** The clock stuck is judged on, given the monitor's. */
  judged(now: number): number {
    return now - this.view(now).judgedBehindMs;
  }

  private keep(): void {
    const halves = [this.current, this.previous].filter((h) => h !== null);
    if (halves.length === 0) return;
    const sagas = new Set(halves.flatMap((h) => [...h.sagas]));
    this.kept = { gapMs: Math.min(...halves.map((h) => h.gapMs)), sagas: Math.min(sagas.size, CLOCK_MIN_SAGAS) };
  }

  private roll(now: number): void {
    const start = halfOf(now);
    if (this.current !== null && this.current.start < start) {
      this.keep();
      this.previous = this.current;
      this.current = null;
    }
    if (this.previous !== null && this.previous.start < start - HALF_MS) {
      this.keep();
      this.previous = null;
    }
  }
}

function halfOf(t: number): number {
  return Math.floor(t / HALF_MS) * HALF_MS;
}
