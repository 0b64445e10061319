import type { Message } from 'kafkajs';
import { percentile } from './stats';
import { benchKafka, createBenchTopics, sagas, type BenchRecord, type BenchSaga } from '../testing/workload/volume';

/** Sends are paced on this tick: fine enough that a 100 ms flush sees several sends, coarse enough to batch. */
const TICK_MS = 20;
/** Steps of one saga are about this far apart, as the seeded backlog's are; it sets how many sagas run at once. */
const STEP_INTERVAL_MS = 200;
/** Requests in flight at once; when all are busy a tick is skipped and the achieved rate says so. */
const MAX_IN_FLIGHT = 8;
/** The envelope's `at` (demo/envelope.ts writes it after type and sagaId, so it is the first one), replaced by the send time. */
const ENVELOPE_AT = /"at":"[^"]*"/;

export interface SentRecord {
  sagaId: string;
  /** Producer timestamp (ms): the record's Kafka timestamp and its `at`. */
  at: number;
}

export interface LiveProducerResult {
  /** Records acknowledged by the broker. */
  acked: number;
  /** Records handed to send(), acknowledged or not. */
  sent: number;
  /** Records whose request failed. */
  failed: number;
  seconds: number;
  /** acked / seconds. */
  achievedPerSec: number;
  /** Ticks skipped because every request slot was busy. */
  skippedTicks: number;
  /** Send time to the broker's acknowledgement, per request: the part of a record's latency spent producing. */
  ackP50Ms: number;
  ackP99Ms: number;
}

export interface LiveProducer {
  acked(): number;
  stop(): Promise<LiveProducerResult>;
}

/** The record as sent at `now`: its Kafka timestamp and its `at` both say `now` (`nowIso`, once per send). */
export function stampedAt(message: Message, now: number, nowIso = new Date(now).toISOString()): Message {
  return { ...message, timestamp: String(now), value: (message.value as string).replace(ENVELOPE_AT, `"at":"${nowIso}"`) };
}

/** Round-robin over a pool of running sagas, so each saga advances one step per pass and new ones replace finished. */
function* interleave(source: Iterator<BenchSaga>, pool: number): Generator<BenchRecord & { sagaId: string }> {
  const running: Array<{ sagaId: string; records: BenchRecord[]; next: number }> = [];
  for (;;) {
    while (running.length < pool) {
      const s = source.next();
      if (s.done) return;
      running.push({ sagaId: s.value.sagaId, records: s.value.records, next: 0 });
    }
    for (let i = 0; i < running.length; i++) {
      const r = running[i];
      yield { ...r.records[r.next], sagaId: r.sagaId };
      r.next += 1;
      if (r.next >= r.records.length) {
        const s = source.next();
        if (s.done) return;
        running[i] = { sagaId: s.value.sagaId, records: s.value.records, next: 0 };
      }
    }
  }
}

/**
 * Produces the demo's saga mix live at `ratePerSec`, every record stamped with its send time (Kafka timestamp and
 * `at`), and reports each record to `onSent` before it is sent, so the clock starts before the broker sees it.
 */
export async function startLiveProducer(o: {
  brokers: string;
  ratePerSec: number;
  runTag: string;
  seed: string;
  onSent?: (r: SentRecord) => void;
}): Promise<LiveProducer> {
  await createBenchTopics(o.brokers);
  const producer = benchKafka(o.brokers, 'saga-monitor-bench-live').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const pool = Math.max(1, Math.round((o.ratePerSec * STEP_INTERVAL_MS) / 1000));
  const records = interleave(sagas({ seed: o.seed, runTag: o.runTag, startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 }), pool);
  const started = Date.now();
  let sent = 0;
  let acked = 0;
  let skippedTicks = 0;
  let failed = 0;
  const ackMs: number[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const tick = () => {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      skippedTicks += 1;
      return;
    }
    const now = Date.now();
    const due = Math.floor(((now - started) * o.ratePerSec) / 1000) - sent;
    if (due <= 0) return;
    const nowIso = new Date(now).toISOString();
    const byTopic = new Map<string, Message[]>();
    for (let i = 0; i < due; i++) {
      const r = records.next().value as BenchRecord & { sagaId: string };
      const message = stampedAt(r.message, now, nowIso);
      const list = byTopic.get(r.topic) ?? [];
      list.push(message);
      byTopic.set(r.topic, list);
      o.onSent?.({ sagaId: r.sagaId, at: now });
    }
    sent += due;
    const p = producer
      .sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: 1 })
      .then(
        () => {
          acked += due;
          ackMs.push(Date.now() - now);
        },
        () => (failed += due),
      );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const timer = setInterval(tick, TICK_MS);
  return {
    acked: () => acked,
    stop: async () => {
      clearInterval(timer);
      const seconds = (Date.now() - started) / 1000;
      await Promise.allSettled(inFlight);
      await producer.disconnect();
      return { acked, sent, failed, seconds, achievedPerSec: Math.round(acked / seconds), skippedTicks, ackP50Ms: percentile(ackMs, 50), ackP99Ms: percentile(ackMs, 99) };
    },
  };
}
