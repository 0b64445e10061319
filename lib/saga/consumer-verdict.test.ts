import { describe, expect, it } from 'vitest';
import { ConsumerVerdict, GroupOnTopic, TopicConsumers } from '../wire/consumers';
import { groupVerdict, MAX_GROUPS_IN_SUMMARY, missingTopic, notCheckedYet, quietMs, topicConsumers, topicSummary, topicVerdict, type GroupFacts } from './consumer-verdict';

const NOW = 1_000_000;
const T = { lagRecords: 1_000, stalledAfterMs: 30_000 };
const facts = (f: Partial<GroupFacts>): GroupFacts => ({ members: 1, membersOnTopic: 1, lag: 0, lastCommitSeenAt: null, behindSince: null, ...f });
const group = (groupId: string, verdict: ConsumerVerdict, f: Partial<GroupFacts> = {}): GroupOnTopic => ({ groupId, state: 'Stable', verdict, ...facts(f) });

describe('groupVerdict', () => {
  it.each<[name: string, f: Partial<GroupFacts>, verdict: ConsumerVerdict]>([
    ['up to date', { lag: 0 }, 'ok'],
    ['a little behind, just fell behind', { lag: 5, behindSince: NOW - 1_000 }, 'ok'],
    ['exactly lagRecords behind', { lag: 1_000, behindSince: NOW - 1_000 }, 'ok'],
    ['one past lagRecords, committing', { lag: 1_001, behindSince: NOW - 60_000, lastCommitSeenAt: NOW - 2_000 }, 'lagging'],
    ['behind, last commit exactly stalledAfterMs ago', { lag: 3, behindSince: NOW - 60_000, lastCommitSeenAt: NOW - 30_000 }, 'stalled'],
    ['behind, last commit just under stalledAfterMs ago', { lag: 3, behindSince: NOW - 60_000, lastCommitSeenAt: NOW - 29_999 }, 'ok'],
    ['behind, never seen committing, behind for stalledAfterMs', { lag: 3, behindSince: NOW - 30_000 }, 'stalled'],
    ['far behind and not committing: stalled beats lagging', { lag: 50_000, behindSince: NOW - 40_000, lastCommitSeenAt: NOW - 35_000 }, 'stalled'],
    ['idle for an hour, a record just arrived', { lag: 1, behindSince: NOW - 500, lastCommitSeenAt: NOW - 3_600_000 }, 'ok'],
    ['no lag but an old commit', { lag: 0, lastCommitSeenAt: NOW - 3_600_000 }, 'ok'],
    ['0 members', { members: 0, membersOnTopic: 0, lag: 10, behindSince: NOW - 60_000 }, 'no-consumers'],
    ['members, none on the topic', { members: 2, membersOnTopic: 0, lag: 0 }, 'no-consumers'],
    ['0 members and unknown lag', { members: 0, membersOnTopic: 0, lag: null }, 'no-consumers'],
    ['members on the topic, lag unknown', { lag: null }, 'unknown'],
  ])('%s -> %s', (_name, f, verdict) => {
    expect(groupVerdict(facts(f), NOW, T)).toBe(verdict);
  });

  it('measures quiet time from the later of falling behind and the last commit', () => {
    expect(quietMs(facts({ lag: 1, behindSince: NOW - 9_000, lastCommitSeenAt: NOW - 4_000 }), NOW)).toBe(4_000);
    expect(quietMs(facts({ lag: 1, behindSince: NOW - 9_000, lastCommitSeenAt: NOW - 20_000 }), NOW)).toBe(9_000);
    expect(quietMs(facts({ lag: 0, behindSince: null }), NOW)).toBeNull();
  });
});

describe('topicVerdict: the best group wins', () => {
  it.each<[verdicts: ConsumerVerdict[], topic: ConsumerVerdict]>([
    [[], 'no-consumers'],
    [['no-consumers'], 'no-consumers'],
    [['no-consumers', 'stalled'], 'stalled'],
    [['stalled', 'unknown'], 'unknown'],
    [['unknown', 'lagging', 'stalled'], 'lagging'],
    [['no-consumers', 'ok', 'lagging'], 'ok'],
    [['ok', 'ok'], 'ok'],
  ])('%j -> %s', (verdicts, topic) => {
    expect(topicVerdict(verdicts.map((verdict) => ({ verdict })))).toBe(topic);
  });
});

describe('topicSummary: one sentence an operator can act on', () => {
  const T1 = 'shipping.commands';
  it.each<[name: string, groups: GroupOnTopic[], sentence: string]>([
    ['no group at all', [], 'nothing has ever consumed shipping.commands: no consumer group has committed offsets on it'],
    ['one empty group', [group('demo-shipping-service', 'no-consumers', { members: 0, membersOnTopic: 0 })], 'nothing is consuming shipping.commands: group demo-shipping-service has 0 members'],
    [
      'members on other topics only',
      [group('g', 'no-consumers', { members: 2, membersOnTopic: 0 })],
      'nothing is consuming shipping.commands: group g has 2 members but none is assigned a partition of shipping.commands',
    ],
    [
      'stalled',
      [group('X', 'stalled', { lag: 1_234, behindSince: NOW - 60_000, lastCommitSeenAt: NOW - 42_000 })],
      'group X is stalled on shipping.commands: 1,234 records behind and no commit seen for 42 s',
    ],
    ['lagging', [group('X', 'lagging', { lag: 5_000 })], 'group X is 5,000 records behind on shipping.commands'],
    ['ok', [group('X', 'ok', { lag: 1 })], 'group X is consuming shipping.commands (1 record behind)'],
    ['unknown lag', [group('X', 'unknown', { lag: null, membersOnTopic: 2 })], 'group X has 2 members on shipping.commands but its lag is unknown'],
    [
      'ok, with a worse group named after it',
      [group('b-audit', 'no-consumers', { members: 0, membersOnTopic: 0 }), group('a-ship', 'ok')],
      'group a-ship is consuming shipping.commands (0 records behind); but group b-audit has 0 members',
    ],
    [
      'two empty groups',
      [group('b', 'no-consumers', { members: 0, membersOnTopic: 0 }), group('a', 'no-consumers', { members: 0, membersOnTopic: 0 })],
      'nothing is consuming shipping.commands: group a has 0 members; group b has 0 members',
    ],
  ])('%s', (_name, groups, sentence) => {
    expect(topicSummary(T1, groups, NOW)).toBe(sentence);
  });

  it(`names at most ${MAX_GROUPS_IN_SUMMARY} groups and counts the rest`, () => {
    const groups = ['a', 'b', 'c', 'd', 'e'].map((id) => group(id, 'no-consumers', { members: 0, membersOnTopic: 0 }));
    expect(topicSummary(T1, groups, NOW)).toBe('nothing is consuming shipping.commands: group a has 0 members; group b has 0 members; group c has 0 members; and 2 more groups');
  });
});

describe('topic entries', () => {
  it('builds a valid wire entry from checked facts', () => {
    const t = topicConsumers('t', [group('g', 'lagging', { lag: 2_000 })], NOW, null);
    expect(TopicConsumers.parse(t)).toEqual(t);
    expect(t).toMatchObject({ verdict: 'lagging', checkedAt: NOW, summary: 'group g is 2,000 records behind on t' });
  });

  it('is unknown before the first check, with the reason when a check failed', () => {
    expect(TopicConsumers.parse(notCheckedYet('t', null))).toMatchObject({ verdict: 'unknown', checkedAt: null, summary: 'the consumers of t have not been checked yet' });
    expect(notCheckedYet('t', 'cannot reach Kafka').summary).toBe('the consumers of t could not be checked: cannot reach Kafka');
  });

  it('says a missing topic has no consumers', () => {
    expect(TopicConsumers.parse(missingTopic('t', NOW))).toMatchObject({ verdict: 'no-consumers', summary: 'nothing is consuming t: the topic does not exist on the cluster' });
  });
});
