/** Axis ticks of a saga timeline, measured from the saga's start so 50 ms and 5 h sagas read the same way. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Steps a reader can add up in their head: 1-2-5 below a second, then clock-friendly multiples. */
export const TICK_STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, WEEK,
] as const;

/** The smallest nice step that fits `spanMs` into at most `maxIntervals` intervals. */
export function chooseTickStep(spanMs: number, maxIntervals: number): number {
  const target = Math.max(0, spanMs) / Math.max(1, Math.floor(maxIntervals));
  for (const step of TICK_STEPS_MS) if (step >= target) return step;
  return Math.ceil(target / WEEK) * WEEK;
}

/** Offsets 0, step, 2*step, ... up to spanMs inclusive (multiplied, not summed, so no float drift). */
export function relativeTicks(spanMs: number, stepMs: number): number[] {
  const out: number[] = [];
  const n = Math.floor(spanMs / stepMs);
  for (let i = 0; i <= n; i++) out.push(i * stepMs);
  return out;
}

function trim(n: number, decimals: number): string {
  return Number(n.toFixed(decimals)).toString();
}

/** A tick label with just the precision its step needs: "250 ms", "1.5 s", "1 min 30 s", "2 h 30 min". */
export function formatTick(ms: number, stepMs: number): string {
  if (ms === 0) return '0';
  if (stepMs < SECOND) {
    if (ms < SECOND) return `${ms} ms`;
    return `${trim(ms / SECOND, stepMs < 10 ? 3 : stepMs < 100 ? 2 : 1)} s`;
  }
  if (stepMs < MINUTE && ms < MINUTE) return `${ms / SECOND} s`;
  if (stepMs < HOUR && ms < HOUR) {
    const m = Math.floor(ms / MINUTE);
    const s = Math.round((ms % MINUTE) / SECOND);
    return s === 0 ? `${m} min` : `${m} min ${s} s`;
  }
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms % HOUR) / MINUTE);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.round((ms % DAY) / HOUR);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
