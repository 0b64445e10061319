/**
 * Workload generator, part 1: a discrete-event model of one saga of the demo system, written from the demo's
 * runtime (demo/service-runtime.ts, demo/orchestrator.ts, demo/envelope.ts) and the README's "Manual retries". Records
 * are built with the demo's own envelope, so they carry the key, headers and JSON value the demo publishes; time is a
 * number this queue advances, never a clock.
 */
import { toRecords, type Emission } from '../../demo/envelope';
import { EVENT_TOPICS, type EventType, type SagaType } from '../../demo/event-catalog';

export interface SimRecord {
  sagaId: string;
  sagaType: SagaType;
  type: EventType;
  topic: string;
  /** The record's timestamp, from its producer's clock (which may be off: plan.ts clockSkew). */
  timestamp: number;
  /** When it was really published, on the one true clock the simulation runs on. */
  sentAt: number;
  /** Production order within the saga: the true causal order, also between records of equal timestamps. */
  order: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** For a resend: the record it copies (its offset is known only once the log is built). */
  copyOf?: SimRecord;
}

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

/** One saga's components and operator, run on a private event queue; `records` is everything they published. */
export class SagaSim {
  /** Everything published so far; the last one is what an operator sees the saga waiting after. */
  readonly records: SimRecord[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;

  constructor(
    readonly sagaId: string,
    readonly sagaType: SagaType,
    private readonly onRecord: (r: SimRecord) => void,
  ) {}

  /** Runs `run` at time `at`; equal times run in the order they were scheduled. */
  at(at: number, run: () => void): void {
    this.queue.push({ at, seq: this.seq++, run });
  }

  /**
   * Publishes the emissions of one reaction at `at`, `at + 1`, ... (the demo's strictly increasing times), stamped by a
   * producer whose clock is `clockOffsetMs` ahead of the true one (behind when negative).
   */
  publishAt(at: number, emissions: Emission[], headers: Record<string, string> = {}, clockOffsetMs = 0): void {
    this.at(at, () => {
      for (const out of toRecords('', this.sagaId, emissions, 0, at + clockOffsetMs)) {
        const m = out.message;
        this.emit({
          sagaId: this.sagaId,
          sagaType: this.sagaType,
          type: out.type,
          topic: out.topic,
          timestamp: Number(m.timestamp),
          sentAt: Number(m.timestamp) - clockOffsetMs,
          order: this.records.length,
          key: String(m.key),
          value: String(m.value),
          headers: { ...(m.headers as Record<string, string>), ...headers },
        });
      }
    });
  }

  /** Publishes a copy of `original` at `at` with extra headers: a resend keeps key, value and headers. */
  resendAt(at: number, original: SimRecord, headers: Record<string, string>): void {
    this.at(at, () =>
      this.emit({ ...original, timestamp: at, sentAt: at, order: this.records.length, headers: { ...original.headers, ...headers }, copyOf: original }),
    );
  }

  run(): void {
    while (this.queue.length > 0) {
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) {
        const a = this.queue[i];
        const b = this.queue[best];
        if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
      }
      const [next] = this.queue.splice(best, 1);
      next.run();
    }
  }

  private emit(r: SimRecord): void {
    if (EVENT_TOPICS[r.type] !== r.topic) throw new Error(`${r.type} published on ${r.topic}`);
    this.records.push(r);
    this.onRecord(r);
  }
}
