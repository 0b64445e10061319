import { z } from 'zod';
import { CONSUMER_VERDICTS } from '../vocabulary';

/**
 * Who reads a topic and whether they keep up: the consumer groups on each configured topic, as the monitor last saw
 * them with the Kafka admin API. Times are epoch milliseconds; lag is in records.
 */

/**
 * `no-consumers`: no member of the group is assigned a partition of the topic. `stalled`: behind, and no commit seen
 * for stalledAfterMs. `lagging`: more than lagRecords behind but committing. `unknown`: not checked yet, or the
 * group's lag could not be read.
 */
export const ConsumerVerdict = z.enum(CONSUMER_VERDICTS);
export type ConsumerVerdict = z.infer<typeof ConsumerVerdict>;

export const GroupOnTopic = z.object({
  groupId: z.string(),
  /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead. */
  state: z.string(),
  /** Members of the whole group. */
  members: z.number(),
  /** Members assigned at least one partition of this topic (during a rebalance: subscribed to it). */
  membersOnTopic: z.number(),
  /** Records behind: sum over partitions of end offset - committed offset; null when the offsets are unknown. */
  lag: z.number().nullable(),
  /** When the monitor last saw the group's committed offsets on this topic change; null if never seen changing. */
  lastCommitSeenAt: z.number().nullable(),
  /** When the monitor first saw the group behind on this topic in the current stretch; null when not behind. */
  behindSince: z.number().nullable(),
  verdict: ConsumerVerdict,
});
export type GroupOnTopic = z.infer<typeof GroupOnTopic>;

export const TopicConsumers = z.object({
  topic: z.string(),
  /** End of the last successful check; null before the first one. */
  checkedAt: z.number().nullable(),
  /** The best verdict of its groups (see topicVerdict in lib/saga/consumer-verdict.ts); no-consumers without groups. */
  verdict: ConsumerVerdict,
  /** One sentence an operator can act on. */
  summary: z.string(),
  groups: z.array(GroupOnTopic),
  /** Why the latest check failed or was partial, in words; the facts above are then the last ones known. */
  error: z.string().nullable(),
});
export type TopicConsumers = z.infer<typeof TopicConsumers>;

/** GET /api/consumers: every configured topic, in name order. */
export const ConsumersResponse = z.object({ items: z.array(TopicConsumers) });
export type ConsumersResponse = z.infer<typeof ConsumersResponse>;
