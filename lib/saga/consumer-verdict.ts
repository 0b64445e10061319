import { formatAge, formatRecords } from '../format';
import type { ConsumerVerdict, GroupOnTopic, TopicConsumers } from '../wire/consumers';

/** The sentences go to logs, alerts and the API alike: one fixed locale keeps them the same everywhere. */
const LOCALE = 'en-US';
/** Groups named in one summary: past this the sentence says how many more there are (all are in `groups`). */
export const MAX_GROUPS_IN_SUMMARY = 3;

export interface VerdictThresholds {
  /** More records behind than this is `lagging`. */
  lagRecords: number;
  /** Behind with no commit seen for this long is `stalled`. */
  stalledAfterMs: number;
}

export type GroupFacts = Pick<GroupOnTopic, 'members' | 'membersOnTopic' | 'lag' | 'lastCommitSeenAt' | 'behindSince'>;

/**
 * How long the group has been behind without a commit seen: since it fell behind, or since its last commit if that
 * came later. A group that was idle for an hour is not stalled the moment a record arrives. Null when not behind.
 */
export function quietMs(f: GroupFacts, now: number): number | null {
  if (f.lag === null || f.lag <= 0 || f.behindSince === null) return null;
  return now - Math.max(f.behindSince, f.lastCommitSeenAt ?? f.behindSince);
}

/** One group on one topic; the rules apply in this order. */
export function groupVerdict(f: GroupFacts, now: number, t: VerdictThresholds): ConsumerVerdict {
  if (f.membersOnTopic === 0) return 'no-consumers';
  if (f.lag === null) return 'unknown';
  const quiet = quietMs(f, now);
  if (quiet !== null && quiet >= t.stalledAfterMs) return 'stalled';
  if (f.lag > t.lagRecords) return 'lagging';
  return 'ok';
}

/**
 * Best first. A topic is answered if any group on it answers: the monitor cannot tell which group is the service a
 * saga waits for (several services may read one topic), so the topic takes its best group's verdict and the summary
 * still names the groups that are worse. A group whose lag is unknown ranks above a stalled one: it has live members.
 */
const RANK: Record<ConsumerVerdict, number> = { ok: 0, lagging: 1, unknown: 2, stalled: 3, 'no-consumers': 4 };

/** The topic's verdict from its groups; a topic no group reads has `no-consumers`. */
export function topicVerdict(groups: ReadonlyArray<Pick<GroupOnTopic, 'verdict'>>): ConsumerVerdict {
  let best: ConsumerVerdict = 'no-consumers';
  for (const g of groups) if (RANK[g.verdict] < RANK[best]) best = g.verdict;
  return best;
}

const records = (n: number) => formatRecords(n, LOCALE);

/** What one group does on the topic, as a clause. */
export function groupPhrase(g: GroupOnTopic, topic: string, now: number): string {
  switch (g.verdict) {
    case 'no-consumers':
      return g.members === 0
        ? `group ${g.groupId} has 0 members`
        : `group ${g.groupId} has ${g.members} member${g.members === 1 ? '' : 's'} but none is assigned a partition of ${topic}`;
    case 'stalled':
      return `group ${g.groupId} is stalled on ${topic}: ${records(g.lag ?? 0)} behind and no commit seen for ${formatAge(quietMs(g, now) ?? 0)}`;
    case 'lagging':
      return `group ${g.groupId} is ${records(g.lag ?? 0)} behind on ${topic}`;
    case 'unknown':
      return `group ${g.groupId} has ${g.membersOnTopic} member${g.membersOnTopic === 1 ? '' : 's'} on ${topic} but its lag is unknown`;
    case 'ok':
      return `group ${g.groupId} is consuming ${topic} (${records(g.lag ?? 0)} behind)`;
  }
}

function listed(phrases: string[]): string {
  const shown = phrases.slice(0, MAX_GROUPS_IN_SUMMARY);
  const more = phrases.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more group${more === 1 ? '' : 's'}` : '');
}

/** One sentence for the topic: the groups that give it its verdict first, then any that are worse. */
export function topicSummary(topic: string, groups: readonly GroupOnTopic[], now: number): string {
  if (groups.length === 0) return `nothing has ever consumed ${topic}: no consumer group has committed offsets on it`;
  const verdict = topicVerdict(groups);
  const sorted = [...groups].sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || (a.groupId < b.groupId ? -1 : 1));
  const lead = sorted.filter((g) => g.verdict === verdict).map((g) => groupPhrase(g, topic, now));
  const worse = sorted.filter((g) => g.verdict !== verdict).map((g) => groupPhrase(g, topic, now));
  const head = verdict === 'no-consumers' ? `nothing is consuming ${topic}: ${listed(lead)}` : listed(lead);
  return worse.length === 0 ? head : `${head}; but ${listed(worse)}`;
}

/** The topic's entry once checked at least once: verdicts from the facts, and its summary. */
export function topicConsumers(topic: string, groups: readonly GroupOnTopic[], checkedAt: number, error: string | null): TopicConsumers {
  return { topic, checkedAt, verdict: topicVerdict(groups), summary: topicSummary(topic, groups, checkedAt), groups: [...groups], error };
}

/** The topic's entry before any check succeeded. */
export function notCheckedYet(topic: string, error: string | null): TopicConsumers {
  const summary = error === null ? `the consumers of ${topic} have not been checked yet` : `the consumers of ${topic} could not be checked: ${error}`;
  return { topic, checkedAt: null, verdict: 'unknown', summary, groups: [], error };
}

/** A configured topic the cluster does not have: no record can wait there, and nobody reads it. */
export function missingTopic(topic: string, checkedAt: number): TopicConsumers {
  return { topic, checkedAt, verdict: 'no-consumers', summary: `nothing is consuming ${topic}: the topic does not exist on the cluster`, groups: [], error: null };
}
