import { Partitioners, type Kafka, type Producer } from 'kafkajs';

export interface LazyProducer {
  /** The connected producer, connecting on first use; a failed connect is tried again on the next call. */
  get(): Promise<Producer>;
  /** Disconnects it if it was ever connected; never throws. */
  disconnect(): Promise<void>;
}

/** A producer only for the monitor's own writes (retries, audit records): a monitor nobody retries from never opens one. */
export function lazyProducer(kafka: Kafka): LazyProducer {
  let producer: Promise<Producer> | null = null;
  const get = () =>
    (producer ??= (async () => {
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, createPartitioner: Partitioners.DefaultPartitioner });
      await p.connect();
      return p;
    })().catch((e: unknown) => {
      producer = null;
      throw e;
    }));
  return {
    get,
    disconnect: async () => {
      if (producer) await (await producer.catch(() => null))?.disconnect().catch(() => {});
    },
  };
}
