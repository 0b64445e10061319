import { formatCount, formatDuration, formatRecords } from '../format';
import type { ConsumerVerdict, GroupOnTopic, TopicConsumers } from '../wire/consumers';
import type { FindingKind, SlowView } from '../wire/rest';

/** Words for what the monitor found out about a saga: verdicts, findings, slowness. Pure, so tests pin them. */

export const VERDICT_LABELS: Record<ConsumerVerdict, string> = {
  ok: 'Consuming',
  lagging: 'Lagging',
  stalled: 'Stalled',
  'no-consumers': 'No consumers',
  unknown: 'Not checked yet',
};

/** Verdicts that explain a wait: worth a line in an alert and a warning colour. */
export function isTroubling(v: ConsumerVerdict): boolean {
  return v === 'lagging' || v === 'stalled' || v === 'no-consumers';
}

export const FINDING_LABELS: Record<FindingKind, string> = {
  uncompensated: 'Not compensated',
  'reply-without-request': 'Reply without request',
  'duplicate-command': 'Duplicate command',
  'retry-raced-reply': 'Retry raced a late reply',
  'conflicting-replies': 'Conflicting replies',
};

/** What each kind means, for a tooltip or a legend. */
export const FINDING_HINTS: Record<FindingKind, string> = {
  uncompensated: 'a failed saga whose completed steps were never undone',
  'reply-without-request': 'a reply for a step that was never started',
  'duplicate-command': 'a step started again while its first attempt was unanswered, without a manual retry',
  'retry-raced-reply': 'after a manual retry the step got the late original reply as well',
  'conflicting-replies': 'a step answered again with the opposite outcome after it ended; the first answer stands',
};

/** The consumers lines an alert shows: only topics whose readers explain the wait, in the order the server sent. */
export function troublingConsumers(consumers: readonly TopicConsumers[] | undefined): TopicConsumers[] {
  return (consumers ?? []).filter((c) => isTroubling(c.verdict));
}

/** An alert's topics (`answeredFrom`) looked up in GET /api/consumers; topics it does not list are left out. */
export function consumersOfTopics(topics: readonly string[] | undefined, all: readonly TopicConsumers[] | undefined): TopicConsumers[] {
  if (!topics || !all) return [];
  return topics.flatMap((t) => all.filter((c) => c.topic === t));
}

export function lagText(g: Pick<GroupOnTopic, 'lag'>, locale?: string): string {
  if (g.lag === null) return 'unknown';
  return formatRecords(g.lag, locale);
}

/** "Slow: waited 4.2 s at shipping; 3 × p99 is 360 ms (p50 40 ms, p99 120 ms over 250 completions)". */
export function slowSentence(slow: SlowView, now: number, locale?: string): string {
  const startedAt = slow.since - slow.thresholdMs;
  return (
    `Step ${slow.step} has waited ${formatDuration(now - startedAt)}, longer than ${slow.factor} × its p99: ` +
    `recent ${slow.step} steps took p50 ${formatDuration(slow.p50Ms)}, p99 ${formatDuration(slow.p99Ms)} over ` +
    `${formatCount(slow.samples, locale)} completions, so it is flagged slow past ${formatDuration(slow.thresholdMs)}.`
  );
}
