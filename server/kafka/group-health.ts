import type { Admin, GroupDescription, Kafka } from 'kafkajs';
import type { ConsumerGroupsConfig } from '../../lib/config/schema';
import { groupVerdict, missingTopic, notCheckedYet, topicConsumers } from '../../lib/saga/consumer-verdict';
import type { GroupOnTopic, TopicConsumers } from '../../lib/wire/consumers';
import type { Logger } from '../logger';
import { ADMIN_CONCURRENCY, describeGroups, joinNotes, mapLimit, words } from './admin-calls';
import { commitsMoved, committedPositions, lagOf, membersOnTopics } from './group-offsets';
import type { PartitionOffsets } from './topic-watch';

/**
 * Groups examined per check (each costs coordinator look-ups and an offset fetch, so a check is O(groups) requests).
 * On a cluster with more, groups already seen on a watched topic go first and the rest take turns over later checks.
 */
export const MAX_GROUPS_PER_CHECK = 100;
/** The next check is the retry: a failing call gives up fast rather than holding the round for kafkajs' 30 s. */
const ADMIN_RETRY = { retries: 1, initialRetryTime: 300, maxRetryTime: 2_000 };
/** Group protocol types that are Kafka consumers; '' is a group that only ever committed offsets. */
const CONSUMER_PROTOCOLS = new Set(['consumer', '']);
/** Verdicts worth a log line when a topic turns to them: nobody will answer records there. */
const BAD = new Set(['no-consumers', 'stalled']);

export interface GroupHealthDeps {
  kafka: Kafka;
  /** Topics to watch: the configured saga topics. */
  topics: readonly string[];
  config: ConsumerGroupsConfig;
  /** Prefix of the monitor's own consumer groups (kafka.groupIdPrefix): never examined. */
  ownGroupPrefix: string;
  now: () => number;
  log: Logger;
}

/** What the monitor remembers of one group on one topic between checks. */
interface Seen {
  facts: Omit<GroupOnTopic, 'verdict'>;
  committed: Map<number, bigint>;
}

/**
 * Polls the cluster's consumer groups and keeps, per group and watched topic, its members, lag and when its committed
 * offsets were last seen to move. A failing check never throws: the last known facts stay, with the error in words.
 */
export class GroupHealth {
  /** groupId -> topic -> what was seen; only groups on a watched topic are kept. */
  private readonly seen = new Map<string, Map<string, Seen>>();
  private entries = new Map<string, TopicConsumers>();
  private existing = new Set<string>();
  private checkedAt: number | null = null;
  private error: string | null = null;
  private rotation = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private admin: Admin | null = null;
  private stopped = false;
  private lastLoggedError: string | null = null;

  constructor(private readonly d: GroupHealthDeps) {
    this.rebuild();
  }

  /** Checks now and every checkIntervalMs; returns at once (the first check runs in the background). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.check(), this.d.config.checkIntervalMs);
    void this.check();
  }

  /** Stops checking and waits for a check in flight to end; safe to call twice. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.admin?.disconnect().catch(() => {});
    await this.running;
  }

  /** One check, or the one already in flight. */
  check(): Promise<void> {
    this.running ??= this.round()
      .catch((e: unknown) => {
        if (this.stopped) return;
        this.error = `checking consumer groups failed: ${words(e)}; the facts shown are from the last successful check`;
        if (this.error !== this.lastLoggedError) this.d.log.warn(`consumers: ${this.error}`);
        this.lastLoggedError = this.error;
        this.rebuild();
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  forTopic(topic: string): TopicConsumers {
    return this.entries.get(topic) ?? notCheckedYet(topic, `${topic} is not a configured topic, so its consumers are not watched`);
  }

  snapshot(): TopicConsumers[] {
    return [...this.entries.values()];
  }

  private ignored(groupId: string): boolean {
    return groupId.startsWith(this.d.ownGroupPrefix) || this.d.config.ignoreGroupPrefixes.some((p) => groupId.startsWith(p));
  }

  /** At most MAX_GROUPS_PER_CHECK: groups known to be on a watched topic first, the others in turns. */
  private pick(candidates: string[]): string[] {
    if (candidates.length <= MAX_GROUPS_PER_CHECK) return candidates;
    const known = candidates.filter((id) => this.seen.has(id)).slice(0, MAX_GROUPS_PER_CHECK);
    const rest = candidates.filter((id) => !this.seen.has(id));
    const room = Math.min(MAX_GROUPS_PER_CHECK - known.length, rest.length);
    const start = rest.length === 0 ? 0 : this.rotation % rest.length;
    this.rotation = start + room;
    return [...known, ...Array.from({ length: room }, (_, i) => rest[(start + i) % rest.length])];
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    // A fresh admin per check: kafkajs' admin keeps asking for every topic it was ever asked about, so one deleted
    // topic would fail every later check of a long-lived one.
    const admin = this.d.kafka.admin({ retry: ADMIN_RETRY });
    this.admin = admin;
    try {
      await admin.connect();
      const notes: string[] = [];
      const existing = new Set(await admin.listTopics());
      const topics = this.d.topics.filter((t) => existing.has(t));
      const looks = await mapLimit(topics, ADMIN_CONCURRENCY, (t) =>
        admin.fetchTopicOffsets(t).catch((e: unknown) => (notes.push(`end offsets of ${t}: ${words(e)}`), null)),
      );
      const ends = new Map<string, PartitionOffsets[] | null>(topics.map((t, i) => [t, looks[i]!]));
      const { groups } = await admin.listGroups();
      const candidates = groups.filter((g) => CONSUMER_PROTOCOLS.has(g.protocolType) && !this.ignored(g.groupId)).map((g) => g.groupId);
      const examined = this.pick(candidates);
      if (examined.length < candidates.length) {
        notes.push(`${candidates.length} consumer groups exist and ${MAX_GROUPS_PER_CHECK} are examined per check; the others take turns, so their facts may be a few checks old`);
      }
      const described = topics.length === 0 ? new Map<string, GroupDescription>() : await describeGroups(admin, examined, notes);
      const readable = examined.filter((id) => described.has(id));
      const offsets = await mapLimit(readable, ADMIN_CONCURRENCY, (groupId) =>
        admin.fetchOffsets({ groupId, topics }).catch((e: unknown) => (notes.push(`offsets of group ${groupId}: ${words(e)}`), null)),
      );
      if (this.stopped) return;
      const now = this.d.now();
      const alive = new Set(candidates);
      for (const id of this.seen.keys()) if (!alive.has(id)) this.seen.delete(id);
      const watched = new Set(topics);
      offsets.forEach((o, i) => {
        const group = described.get(readable[i]);
        // A group that could not be read keeps what was last seen of it.
        if (o && group) this.observe(group, o, watched, ends, now);
      });
      this.existing = watched;
      this.checkedAt = now;
      this.error = joinNotes(notes);
      this.lastLoggedError = null;
      this.rebuild();
    } finally {
      this.admin = null;
      await admin.disconnect().catch(() => {});
    }
  }

  private observe(
    group: GroupDescription,
    offsets: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>,
    watched: ReadonlySet<string>,
    ends: ReadonlyMap<string, PartitionOffsets[] | null>,
    now: number,
  ): void {
    const members = membersOnTopics(group, watched);
    const before = this.seen.get(group.groupId);
    const after = new Map<string, Seen>();
    for (const { topic, partitions } of offsets) {
      if (!watched.has(topic)) continue;
      const committed = committedPositions(partitions);
      const membersOnTopic = members.get(topic) ?? 0;
      const prev = before?.get(topic);
      // On the topic: it committed there, a member reads it now, or it was seen reading it (a group that never
      // committed keeps its place once its last member leaves, for as long as the cluster lists the group).
      if (committed.size === 0 && membersOnTopic === 0 && prev === undefined) continue;
      const end = ends.get(topic);
      const lag = end ? lagOf(committed, end) : null;
      const moved = prev !== undefined && commitsMoved(prev.committed, committed);
      const behindSince = lag === null ? (prev?.facts.behindSince ?? null) : lag > 0 ? (prev?.facts.behindSince ?? now) : null;
      after.set(topic, {
        committed,
        facts: {
          groupId: group.groupId,
          state: group.state,
          members: group.members.length,
          membersOnTopic,
          lag,
          lastCommitSeenAt: moved ? now : (prev?.facts.lastCommitSeenAt ?? null),
          behindSince,
        },
      });
    }
    if (after.size > 0) this.seen.set(group.groupId, after);
    else this.seen.delete(group.groupId);
  }

  private rebuild(): void {
    const next = new Map<string, TopicConsumers>();
    const at = this.checkedAt;
    for (const topic of [...this.d.topics].sort()) {
      if (at === null) {
        next.set(topic, notCheckedYet(topic, this.error));
        continue;
      }
      if (!this.existing.has(topic)) {
        next.set(topic, { ...missingTopic(topic, at), error: this.error });
        continue;
      }
      const groups: GroupOnTopic[] = [];
      for (const byTopic of this.seen.values()) {
        const s = byTopic.get(topic);
        if (s) groups.push({ ...s.facts, verdict: groupVerdict(s.facts, at, this.d.config) });
      }
      groups.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
      next.set(topic, topicConsumers(topic, groups, at, this.error));
    }
    this.logChanges(next);
    this.entries = next;
  }

  /** A topic that turns bad (or good again) after the first check goes to the log once, not every check. */
  private logChanges(next: Map<string, TopicConsumers>): void {
    for (const [topic, now] of next) {
      const was = this.entries.get(topic);
      if (!was || was.checkedAt === null || now.checkedAt === null) continue;
      const bad = BAD.has(now.verdict);
      if (bad && !BAD.has(was.verdict)) this.d.log.warn(`consumers: ${now.summary}`);
      else if (!bad && BAD.has(was.verdict)) this.d.log.info(`consumers: ${topic} is read again: ${now.summary}`);
    }
  }
}
