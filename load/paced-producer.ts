import type { Message } from 'kafkajs';
import { benchKafka, sagas, type BenchSaga } from '../testing/workload/volume';
import { ProducerStart, type ProducerMessage } from './ipc';

/**
 * Child process of the load runner: produces demo-shaped sagas at a fixed record rate. A saga's records are spaced in
 * time like the demo's step latencies, so sagas are in flight and change several times, as on a real system.
 */

/** Production is paced in ticks: short enough for an even rate, long enough for batched sends. */
const TICK_MS = 50;
/** Time between two records of one saga: a step's latency in the demo (50-400 ms). */
const STEP_SPACING_MS = 200;
/** Sends in flight at once; past it the producer falls behind its schedule and says so. */
const MAX_IN_FLIGHT = 4;
const PROGRESS_MS = 1_000;
/**
 * Most records in one send: a producer that fell behind (starved of CPU) must not try to catch up in one request
 * over the broker's 1 MB batch limit; it stays behind, and the load check says so.
 */
const MAX_RECORDS_PER_SEND = 2_000;

type Pending = { at: number; topic: string; message: Message };

const send = (m: ProducerMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, undefined, {}, () => resolve()) : resolve()));

async function run(o: { brokers: string; rate: number; seconds: number; seed: string }): Promise<void> {
  const producer = benchKafka(o.brokers, 'saga-monitor-load').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const runTag = Date.now().toString(36).slice(-6);
  const source = sagas({ seed: o.seed, runTag, startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 });
  // Records waiting for their time, one queue per position in the saga: each queue is in time order by construction.
  const queues: Pending[][] = [];
  const inFlight = new Set<Promise<unknown>>();
  const started = Date.now();
  const end = started + o.seconds * 1000;
  let produced = 0;
  let sagaCount = 0;
  let maxBehind = 0;
  let lastProgress = started;

  const take = (now: number, budget: number, out: Map<string, Message[]>) => {
    let n = 0;
    const push = (p: Pending) => {
      const list = out.get(p.topic) ?? [];
      list.push({ ...p.message, timestamp: String(Math.max(now, p.at)) });
      out.set(p.topic, list);
      n += 1;
    };
    for (const q of queues) while (q && n < budget && q.length > 0 && q[0].at <= now) push(q.shift()!);
    while (n < budget) {
      const s = source.next().value as BenchSaga;
      sagaCount += 1;
      s.records.forEach((r, i) => {
        const p = { at: now + i * STEP_SPACING_MS, topic: r.topic, message: r.message };
        if (i === 0) push(p);
        else (queues[i] ??= []).push(p);
      });
    }
    return n;
  };

  while (Date.now() < end) {
    const now = Date.now();
    const due = Math.floor(((now - started) / 1000) * o.rate) - produced;
    if (due > 0 && inFlight.size < MAX_IN_FLIGHT) {
      const batch = new Map<string, Message[]>();
      produced += take(now, Math.min(due, MAX_RECORDS_PER_SEND), batch);
      const p = producer.sendBatch({ topicMessages: [...batch].map(([topic, messages]) => ({ topic, messages })), acks: 1 });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    maxBehind = Math.max(maxBehind, Math.floor(((Date.now() - started) / 1000) * o.rate) - produced);
    if (now - lastProgress >= PROGRESS_MS) {
      lastProgress = now;
      void send({ type: 'progress', produced, sagas: sagaCount, behind: Math.max(0, due) });
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(inFlight);
  await producer.disconnect();
  await send({ type: 'done', produced, sagas: sagaCount, seconds: (Date.now() - started) / 1000, maxBehind });
}

process.once('message', (raw: unknown) => {
  const start = ProducerStart.safeParse(raw);
  if (!start.success) {
    process.stderr.write(`paced-producer: bad start message: ${start.error.message}\n`);
    process.exit(2);
  }
  run(start.data).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`paced-producer: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
});
