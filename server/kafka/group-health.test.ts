// GroupHealth against a scripted admin client: the paths a real broker will not show on demand (failing calls, a
// cluster with more groups than one check examines). The real-broker behaviour is in group-health.int.test.ts.
import { AssignerProtocol, type Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ConsumerGroupsConfig } from '../../lib/config/schema';
import { TopicConsumers } from '../../lib/wire/consumers';
import { silentLogger, type Logger } from '../logger';
import { pollUntil } from '../../lib/poll-until';
import { GroupHealth, MAX_GROUPS_PER_CHECK } from './group-health';

interface FakeGroup {
  state?: string;
  protocolType?: string;
  /** One assignment per member. */
  members?: Array<Record<string, number[]>>;
  /** topic -> partition -> committed offset. */
  offsets?: Record<string, Record<number, number>>;
}

/** A cluster the test edits between checks; `fail` names admin methods that throw. */
class FakeCluster {
  topics: Record<string, Array<{ low: number; high: number }>> = {};
  groups: Record<string, FakeGroup> = {};
  fail = new Set<string>();
  admins = 0;
  described: string[][] = [];

  kafka(): Kafka {
    return { admin: () => this.admin() } as unknown as Kafka;
  }

  private guard(method: string): void {
    if (this.fail.has(method)) throw new Error(`${method} refused`);
  }

  private admin() {
    this.admins += 1;
    return {
      connect: async () => this.guard('connect'),
      disconnect: async () => {},
      listTopics: async () => (this.guard('listTopics'), Object.keys(this.topics)),
      fetchTopicOffsets: async (t: string) => (this.guard('fetchTopicOffsets'), this.topics[t].map((p, partition) => ({ partition, low: String(p.low), high: String(p.high), offset: String(p.high) }))),
      listGroups: async () => (this.guard('listGroups'), { groups: Object.entries(this.groups).map(([groupId, g]) => ({ groupId, protocolType: g.protocolType ?? 'consumer' })) }),
      describeGroups: async (ids: string[]) => {
        this.guard('describeGroups');
        this.described.push(ids);
        if (ids.length > 1 && ids.some((id) => this.fail.has(`describe:${id}`))) throw new Error('The group is not known to the coordinator');
        if (ids.some((id) => this.fail.has(`describe:${id}`))) throw new Error(`${ids[0]} cannot be described`);
        return {
          groups: ids.map((groupId) => {
            const g = this.groups[groupId];
            const members = (g.members ?? []).map((assignment, i) => ({
              memberId: `m${i}`,
              clientId: 'c',
              clientHost: '/h',
              memberMetadata: Buffer.alloc(0),
              memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }),
            }));
            return { groupId, state: g.state ?? (members.length > 0 ? 'Stable' : 'Empty'), protocol: '', protocolType: 'consumer', members };
          }),
        };
      },
      fetchOffsets: async ({ groupId, topics }: { groupId: string; topics: string[] }) => {
        this.guard('fetchOffsets');
        const offsets = this.groups[groupId].offsets ?? {};
        return topics.map((topic) => ({
          topic,
          partitions: this.topics[topic].map((_, partition) => ({ partition, offset: String(offsets[topic]?.[partition] ?? -1), metadata: null })),
        }));
      },
    };
  }
}

function setup(cfg: Partial<ConsumerGroupsConfig> = {}, log: Logger = silentLogger) {
  const cluster = new FakeCluster();
  cluster.topics = { 'ship.cmd': [{ low: 0, high: 10 }, { low: 0, high: 5 }], 'pay.cmd': [{ low: 0, high: 3 }] };
  const clock = { now: 1_000_000 };
  const config = ConsumerGroupsConfig.parse({ lagRecords: 100, stalledAfterMs: 10_000, ...cfg });
  const health = new GroupHealth({ kafka: cluster.kafka(), topics: ['ship.cmd', 'pay.cmd', 'gone.topic'], config, ownGroupPrefix: 'saga-monitor-', now: () => clock.now, log });
  return { cluster, clock, health };
}

describe('GroupHealth', () => {
  it('is unknown before its first check', () => {
    const { health } = setup();
    expect(health.snapshot().map((t) => [t.topic, t.verdict, t.checkedAt])).toEqual([
      ['gone.topic', 'unknown', null],
      ['pay.cmd', 'unknown', null],
      ['ship.cmd', 'unknown', null],
    ]);
  });

  it('names the group with 0 members, a topic nobody ever read and a topic that does not exist', async () => {
    const { cluster, health } = setup();
    cluster.groups = {
      'shipping-service': { offsets: { 'ship.cmd': { 0: 8, 1: 5 } } },
      'saga-monitor-1234': { members: [{ 'ship.cmd': [0, 1], 'pay.cmd': [0] }], offsets: { 'pay.cmd': { 0: 3 } } },
      'tools-export': { protocolType: 'connect', offsets: { 'pay.cmd': { 0: 1 } } },
    };
    await health.check();
    for (const t of health.snapshot()) TopicConsumers.parse(t);
    const ship = health.forTopic('ship.cmd');
    expect(ship).toMatchObject({ verdict: 'no-consumers', summary: 'nothing is consuming ship.cmd: group shipping-service has 0 members', error: null, checkedAt: 1_000_000 });
    expect(ship.groups).toEqual([
      { groupId: 'shipping-service', state: 'Empty', members: 0, membersOnTopic: 0, lag: 2, lastCommitSeenAt: null, behindSince: 1_000_000, verdict: 'no-consumers' },
    ]);
    expect(health.forTopic('pay.cmd').summary).toBe('nothing has ever consumed pay.cmd: no consumer group has committed offsets on it');
    expect(health.forTopic('gone.topic').summary).toBe('nothing is consuming gone.topic: the topic does not exist on the cluster');
  });

  it('sees commits move, calls a quiet group stalled, then ok once it commits again', async () => {
    const { cluster, clock, health } = setup();
    cluster.groups = { ship: { members: [{ 'ship.cmd': [0, 1] }], offsets: { 'ship.cmd': { 0: 4, 1: 5 } } } };
    await health.check();
    expect(health.forTopic('ship.cmd').groups[0]).toMatchObject({ membersOnTopic: 1, lag: 6, lastCommitSeenAt: null, behindSince: 1_000_000, verdict: 'ok' });
    clock.now += 10_000;
    await health.check();
    expect(health.forTopic('ship.cmd')).toMatchObject({ verdict: 'stalled', summary: 'group ship is stalled on ship.cmd: 6 records behind and no commit seen for 10 s' });
    clock.now += 1_000;
    cluster.groups.ship.offsets!['ship.cmd'][0] = 6;
    await health.check();
    expect(health.forTopic('ship.cmd').groups[0]).toMatchObject({ lag: 4, lastCommitSeenAt: 1_011_000, behindSince: 1_000_000, verdict: 'ok' });
    cluster.topics['ship.cmd'][0].high = 500;
    await health.check();
    expect(health.forTopic('ship.cmd')).toMatchObject({ verdict: 'lagging', summary: 'group ship is 494 records behind on ship.cmd' });
    cluster.groups.ship.offsets!['ship.cmd'][0] = 500;
    await health.check();
    expect(health.forTopic('ship.cmd').groups[0]).toMatchObject({ lag: 0, behindSince: null, verdict: 'ok' });
  });

  it('keeps naming a group that read a topic without ever committing once its last member left, until the group is gone', async () => {
    const { cluster, health } = setup();
    cluster.groups = { 'new-reader': { members: [{ 'ship.cmd': [0, 1] }] } };
    await health.check();
    expect(health.forTopic('ship.cmd').groups[0]).toMatchObject({ groupId: 'new-reader', membersOnTopic: 1, lag: 15, verdict: 'ok' });
    cluster.groups['new-reader'].members = [];
    await health.check();
    expect(health.forTopic('ship.cmd').summary).toBe('nothing is consuming ship.cmd: group new-reader has 0 members');
    delete cluster.groups['new-reader'];
    await health.check();
    expect(health.forTopic('ship.cmd').groups).toEqual([]);
  });

  it('skips groups with an ignored prefix', async () => {
    const { cluster, health } = setup({ ignoreGroupPrefixes: ['tools-'] });
    cluster.groups = { 'tools-lag-exporter': { offsets: { 'pay.cmd': { 0: 0 } } }, pay: { members: [{ 'pay.cmd': [0] }], offsets: { 'pay.cmd': { 0: 3 } } } };
    await health.check();
    expect(health.forTopic('pay.cmd').groups.map((g) => g.groupId)).toEqual(['pay']);
  });

  it('keeps the last facts when a check fails, says why, logs it once, and clears the error on recovery', async () => {
    const warnings: string[] = [];
    const { cluster, clock, health } = setup({}, { ...silentLogger, warn: (m) => warnings.push(m) });
    cluster.groups = { pay: { members: [{ 'pay.cmd': [0] }], offsets: { 'pay.cmd': { 0: 3 } } } };
    await health.check();
    cluster.fail.add('listGroups');
    clock.now += 5_000;
    await health.check();
    await health.check();
    const t = health.forTopic('pay.cmd');
    expect(t).toMatchObject({ verdict: 'ok', checkedAt: 1_000_000 });
    expect(t.error).toMatch(/checking consumer groups failed: Error: listGroups refused; the facts shown are from the last successful check/);
    expect(warnings.filter((w) => w.includes('listGroups refused'))).toHaveLength(1);
    cluster.fail.clear();
    await health.check();
    expect(health.forTopic('pay.cmd')).toMatchObject({ error: null, checkedAt: 1_005_000 });
  });

  it('describes groups one by one when one of them fails the batch, and names that one', async () => {
    const { cluster, health } = setup();
    cluster.groups = { a: { offsets: { 'pay.cmd': { 0: 1 } } }, b: { offsets: { 'pay.cmd': { 0: 2 } } } };
    cluster.fail.add('describe:b');
    await health.check();
    const t = health.forTopic('pay.cmd');
    expect(t.groups.map((g) => g.groupId)).toEqual(['a']);
    expect(t.error).toMatch(/describing group b: Error: b cannot be described/);
  });

  it(`examines at most ${MAX_GROUPS_PER_CHECK} groups per check, known ones first, the others in turns`, async () => {
    const { cluster, health } = setup();
    cluster.groups = { 'z-known': { offsets: { 'pay.cmd': { 0: 1 } } } };
    await health.check();
    for (let i = 0; i < MAX_GROUPS_PER_CHECK + 20; i++) cluster.groups[`idle-${String(i).padStart(3, '0')}`] = {};
    const seen = new Set<string>();
    for (let round = 0; round < 2; round++) {
      cluster.described = [];
      await health.check();
      const ids = cluster.described.flat();
      expect(ids).toHaveLength(MAX_GROUPS_PER_CHECK);
      expect(ids).toContain('z-known');
      ids.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBe(MAX_GROUPS_PER_CHECK + 21);
    expect(health.forTopic('pay.cmd').error).toMatch(/121 consumer groups exist and 100 are examined per check/);
    expect(health.forTopic('pay.cmd').groups.map((g) => g.groupId)).toEqual(['z-known']);
  });

  it('checks on its interval until stopped; stop twice is fine and nothing runs after', async () => {
    const { cluster, health } = setup({ checkIntervalMs: 250, stalledAfterMs: 1_000 });
    health.start();
    health.start();
    await pollUntil('three checks', () => cluster.admins >= 3, 5_000);
    await health.stop();
    await health.stop();
    const after = cluster.admins;
    await new Promise((r) => setTimeout(r, 600));
    expect(cluster.admins).toBe(after);
    health.start();
    expect(cluster.admins).toBe(after);
  });
});
