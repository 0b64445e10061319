import type { Rejected } from '../../lib/saga/event';
import { type RejectReason } from '../../lib/vocabulary';

/** Samples kept per reason for the health page: enough to see a pattern, bounded whatever the rate. */
export const REJECTED_SAMPLES_PER_REASON = 20;

export class RejectedLog {
  total = 0;
  private readonly counts = new Map<RejectReason, number>();
  private readonly samples = new Map<RejectReason, Rejected[]>();

  add(r: Rejected): void {
    this.total += 1;
    this.counts.set(r.reason, (this.counts.get(r.reason) ?? 0) + 1);
    let list = this.samples.get(r.reason);
    if (!list) this.samples.set(r.reason, (list = []));
    list.push(r);
    if (list.length > REJECTED_SAMPLES_PER_REASON) list.shift();
  }

  byReason(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Newest first, across reasons. */
  recentSamples(): Rejected[] {
    return [...this.samples.values()].flat().sort((a, b) => b.timestamp - a.timestamp);
  }
}
