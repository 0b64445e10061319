import { percentile, round } from './stats';

export interface LatencySummary {
  /** Records sent in the phase. */
  records: number;
  /** Records some update carried by the end of the grace period. */
  carried: number;
  /** Records no update carried: they went out in a truncated batch, or never. */
  notCarried: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Matches records to the updates that carry them. The n-th record of a saga is carried by the first update whose
 * `eventCount` reaches n: a flush coalesces several records of one saga into one update, and each of them counts
 * from its own timestamp to that receipt.
 */
export class LatencyTracker {
  private readonly sent = new Map<string, { at: number[]; carried: number }>();
  private readonly latencies: number[] = [];
  private records = 0;

  sentRecord(sagaId: string, at: number): void {
    const s = this.sent.get(sagaId);
    if (s) s.at.push(at);
    else this.sent.set(sagaId, { at: [at], carried: 0 });
    this.records += 1;
  }

  /** An update for `sagaId` saying it holds `eventCount` events arrived at `receivedAt`. Unknown sagas are ignored. */
  received(sagaId: string, eventCount: number, receivedAt: number): void {
    const s = this.sent.get(sagaId);
    if (!s) return;
    const upTo = Math.min(eventCount, s.at.length);
    for (let i = s.carried; i < upTo; i++) this.latencies.push(receivedAt - s.at[i]);
    if (upTo > s.carried) s.carried = upTo;
  }

  summary(): LatencySummary {
    const l = this.latencies;
    const ms = (p: number) => round(percentile(l, p), 1);
    return {
      records: this.records,
      carried: l.length,
      notCarried: this.records - l.length,
      p50: ms(50),
      p95: ms(95),
      p99: ms(99),
      max: l.length > 0 ? round(l.reduce((a, b) => (b > a ? b : a)), 1) : Number.NaN,
    };
  }
}
