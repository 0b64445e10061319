import { tsxSourceLines } from './profile-source-lines';
import { readProfile, summarizeProfile, type ProfileSummary } from './profile-summary';
import { coverage, spanOfFrames, type ProfileWindow } from './profile-window';

/** Below this share of the window covered by the profile, or of the CPU time spent in it, the window missed the work. */
const MIN_COVERAGE = 0.9;
const MIN_BUSY_SHARE_OF_CPU = 0.25;

export interface WindowedSummary extends ProfileSummary {
  /** `clock`: the bench's own times of first record and caught up; `consumer-frames`: the span of the batch handler. */
  window: 'clock' | 'consumer-frames';
  /** Samples of the whole run, startup included, for comparison. */
  wholeRunMs: number;
}

const isBatchHandler = (cf: { functionName: string; url: string }) => cf.functionName === 'eachBatch' && /server\/kafka\/saga-consumer\.ts$/.test(cf.url);

/**
 * The monitor's top frames during catch-up. Both processes read CLOCK_MONOTONIC, so the bench's times normally frame
 * the work; should they not (a window outside the profile, or idle while the process burnt CPU), the window is taken
 * from the profile itself: its first to last sample inside the consumer's batch handler.
 */
export function summarizeCatchUp(file: string, o: { clock: ProfileWindow; cpuMs: number; top: number; root: string }): WindowedSummary {
  const p = readProfile(file);
  const base = { top: o.top, root: o.root, sourceLine: tsxSourceLines() };
  const byClock = summarizeProfile(p, { ...base, ...o.clock });
  const whole = summarizeProfile(p, { ...base, top: 0 });
  const busy = byClock.totalMs - byClock.idleMs;
  if (coverage(p, o.clock) >= MIN_COVERAGE && busy >= MIN_BUSY_SHARE_OF_CPU * o.cpuMs) return { ...byClock, window: 'clock', wholeRunMs: whole.totalMs };
  const span = spanOfFrames(p, isBatchHandler);
  if (!span) return { ...byClock, window: 'clock', wholeRunMs: whole.totalMs };
  return { ...summarizeProfile(p, { ...base, ...span }), window: 'consumer-frames', wholeRunMs: whole.totalMs };
}
