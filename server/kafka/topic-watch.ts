/**
 * What happened to each configured topic between two looks at the cluster: found missing, appeared, deleted,
 * deleted and created again, or given more partitions. The consumer acts on the changes (subscribe again, read a
 * new topic or partition from its start); health and the log say what happened in words an operator can act on.
 */
import { formatDuration } from '../../lib/format';
import type { Logger } from '../logger';
import type { ConsumerHealth } from './consumer-health';

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

/** One look at a topic: its partitions' offsets, or null when the cluster does not have it. */
export type TopicLook = PartitionOffsets[] | null;

export type TopicChange =
  | { topic: string; kind: 'missing' }
  | { topic: string; kind: 'appeared' }
  | { topic: string; kind: 'deleted' }
  | { topic: string; kind: 'recreated'; partition: number; was: string; now: string }
  | { topic: string; kind: 'partitions-added'; was: number; now: number };

/** Keeps the previous look at every topic and names what changed since. */
export class TopicWatch {
  private readonly last = new Map<string, TopicLook>();

  observe(topic: string, look: TopicLook): TopicChange | null {
    const had = this.last.has(topic);
    const before = this.last.get(topic) ?? null;
    this.last.set(topic, look);
    if (look === null) {
      if (!had) return { topic, kind: 'missing' };
      return before === null ? null : { topic, kind: 'deleted' };
    }
    if (before === null) return had ? { topic, kind: 'appeared' } : null;
    // End offsets never go back on a topic that lives on: one that did is a new topic under the old name.
    for (const p of look) {
      const was = before.find((b) => b.partition === p.partition);
      if (was && BigInt(p.high) < BigInt(was.high)) return { topic, kind: 'recreated', partition: p.partition, was: was.high, now: p.high };
    }
    if (look.length < before.length) return { topic, kind: 'recreated', partition: look.length, was: String(before.length), now: String(look.length) };
    if (look.length > before.length) return { topic, kind: 'partitions-added', was: before.length, now: look.length };
    return null;
  }
}

/** Whether the consumer must join again: its assignment or its positions no longer fit the topic. */
export function needsResubscribe(c: TopicChange): boolean {
  return c.kind !== 'missing';
}

/** Puts a change on the health page and in the log. */
export function reportTopicChange(c: TopicChange, health: ConsumerHealth, log: Logger, recheckMs: number): void {
  const within = formatDuration(recheckMs);
  switch (c.kind) {
    case 'missing':
      health.setProblem(c.topic, `does not exist: create it and it is read within ${within}`);
      log.warn(`kafka: configured topic ${c.topic} does not exist; it is read within ${within} once created`);
      return;
    case 'appeared':
      health.setProblem(c.topic, null);
      log.info(`kafka: topic ${c.topic} exists now; reading it from its start`);
      return;
    case 'deleted':
      health.forgetTopic(c.topic);
      health.setProblem(c.topic, `deleted at ${new Date().toISOString()}: what was read from it stays on the sagas; it is read again from its start once created again`);
      log.warn(`kafka: topic ${c.topic} was deleted; what was read from it stays; it is read again within ${within} once created again`);
      return;
    case 'recreated':
      health.forgetTopic(c.topic);
      log.warn(`kafka: topic ${c.topic} was deleted and created again (partition ${c.partition} ends at ${c.now}, was ${c.was}); reading it from its new start`);
      return;
    case 'partitions-added':
      log.info(`kafka: topic ${c.topic} has ${c.now} partitions now (was ${c.was}); reading the new ones from their start`);
  }
}
