import { percentile, round } from './stats';
import type { Receipt } from './stuck-alerts';

export interface DelaySummary {
  /** Sagas planned to expire in the window. */
  sample: number;
  raised: number;
  /** Planned sagas with no alert by the end of the grace period. */
  neverRaised: number;
  /** Alerts that arrived before the planned deadline: the monitor called a saga stuck too soon. */
  raisedEarly: number;
  /** Alerts whose `since` is not the planned deadline: the monitor's rules and the plan disagree. */
  sinceMismatch: number;
  /** Alerts for sagas outside the plan (their deadlines lie far ahead, so none is expected). */
  unexpected: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Detection delay of each planned saga: receipt of its first stuck alert minus its planned deadline. A saga never
 * raised counts with `watchedUntil - deadline`, a lower bound, so missing alerts push the percentiles up instead of
 * vanishing from them.
 */
export function summarizeDelays(planned: ReadonlyMap<string, number>, first: ReadonlyMap<string, Receipt>, watchedUntil: number): DelaySummary {
  const delays: number[] = [];
  let raisedEarly = 0;
  let sinceMismatch = 0;
  let unexpected = 0;
  for (const [id, r] of first) {
    const deadline = planned.get(id);
    if (deadline === undefined) {
      unexpected += 1;
      continue;
    }
    const delay = r.receivedAt - deadline;
    delays.push(delay);
    if (delay < 0) raisedEarly += 1;
    if (r.since !== deadline) sinceMismatch += 1;
  }
  const raised = delays.length;
  for (const [id, deadline] of planned) if (!first.has(id)) delays.push(watchedUntil - deadline);
  return {
    sample: planned.size,
    raised,
    neverRaised: planned.size - raised,
    raisedEarly,
    sinceMismatch,
    unexpected,
    p50Ms: round(percentile(delays, 50), 0),
    p95Ms: round(percentile(delays, 95), 0),
    p99Ms: round(percentile(delays, 99), 0),
    maxMs: delays.length > 0 ? delays.reduce((a, b) => Math.max(a, b)) : Number.NaN,
  };
}
