import type { Message, Producer } from 'kafkajs';
import type { OutgoingRecord } from './envelope';

/** Collects replies for this long, then sends them in one request: one send per record would cap the rate. */
export const FLUSH_INTERVAL_MS = 20;
/** While Kafka is unreachable the queue would grow without end; past this, new records are counted and lost. */
export const MAX_QUEUED_RECORDS = 50_000;

export interface BatchProducerHooks {
  onQueued(r: OutgoingRecord): void;
  onSent(count: number): void;
  onLost(count: number, error: unknown): void;
}

export class BatchProducer {
  private queue = new Map<string, Message[]>();
  private queued = 0;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly producer: Producer,
    private readonly hooks: BatchProducerHooks,
  ) {}

  start(): void {
    // A tick that finds a send in flight skips: the next tick takes everything queued meanwhile.
    this.timer ??= setInterval(() => {
      if (!this.inFlight) void this.flush();
    }, FLUSH_INTERVAL_MS);
  }

  enqueue(records: OutgoingRecord[]): void {
    for (const r of records) {
      if (this.queued >= MAX_QUEUED_RECORDS) {
        this.hooks.onLost(1, new Error('send queue full'));
        continue;
      }
      const list = this.queue.get(r.topic) ?? [];
      list.push(r.message);
      this.queue.set(r.topic, list);
      this.queued += 1;
      this.hooks.onQueued(r);
    }
  }

  /** Sends everything queued; one request at a time, so records of a saga keep their order. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.queued === 0) return;
    const topicMessages = [...this.queue].map(([topic, messages]) => ({ topic, messages }));
    const count = this.queued;
    this.queue = new Map();
    this.queued = 0;
    this.inFlight = this.producer
      .sendBatch({ topicMessages })
      .then(
        () => this.hooks.onSent(count),
        (e: unknown) => this.hooks.onLost(count, e),
      )
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
