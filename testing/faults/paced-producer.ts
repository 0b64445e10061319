import { Partitioners, type Kafka, type Message } from 'kafkajs';
import type { FaultRecord } from './fault-workload';
import { toMessage } from './fault-workload';

/** Records due are sent this often: one request per topic per tick, as a busy producer batches. */
const TICK_MS = 50;
/** Pause before resending a batch the broker did not acknowledge: the broker may be down for seconds. */
const RESEND_PAUSE_MS = 250;
/** kafkajs' own retries per send, kept short so a dead broker is noticed and the batch held here instead. */
const SEND_RETRIES = 2;

export interface StreamStats {
  /** Records acknowledged by the broker (acks=all), by workload index. */
  acked: Set<number>;
  /** Sends that failed and were sent again: a record in one of them may be in the log twice. */
  failedSends: number;
  /** Wall-clock times of the first failed and the first acknowledged send after it. */
  outages: Array<{ from: number; to: number | null }>;
  done: Promise<void>;
  stop(): void;
}

/**
 * Produces `records` at their `sendAt` times, at least once: a send the broker does not acknowledge is sent again
 * until it is, and later records wait behind it, as a producer with a buffer does while its broker is down.
 */
export function producePaced(kafka: Kafka, records: readonly FaultRecord[]): StreamStats {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: SEND_RETRIES } });
  const stats: StreamStats = { acked: new Set(), failedSends: 0, outages: [], done: Promise.resolve(), stop: () => {} };
  let stopped = false;
  stats.stop = () => {
    stopped = true;
  };
  stats.done = (async () => {
    await producer.connect();
    let next = 0;
    while (next < records.length && !stopped) {
      const now = Date.now();
      const due: FaultRecord[] = [];
      while (next < records.length && records[next].sendAt <= now) due.push(records[next++]);
      if (due.length > 0) await sendUntilAcked(due);
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    await producer.disconnect();
  })();

  async function sendUntilAcked(batch: FaultRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const r of batch) {
      const { topic, message } = toMessage(r);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    for (;;) {
      try {
        await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
        for (const r of batch) stats.acked.add(r.seq);
        const open = stats.outages.at(-1);
        if (open && open.to === null) open.to = Date.now();
        return;
      } catch {
        stats.failedSends += 1;
        if (stats.outages.at(-1)?.to !== null) stats.outages.push({ from: Date.now(), to: null });
        if (stopped) return;
        await new Promise((r) => setTimeout(r, RESEND_PAUSE_MS));
      }
    }
  }
  return stats;
}
