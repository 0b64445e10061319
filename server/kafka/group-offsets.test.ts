import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { commitsMoved, committedPositions, lagOf, membersOnTopics } from './group-offsets';

const assigned = (assignment: Record<string, number[]>) => AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) });
const subscribed = (topics: string[]) => AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) });
const member = (memberAssignment: Buffer, memberMetadata: Buffer = Buffer.alloc(0)) => ({ memberId: 'm', clientId: 'c', clientHost: '/h', memberAssignment, memberMetadata });
const group = (state: string, members: GroupDescription['members']): GroupDescription =>
  ({ groupId: 'g', state, protocol: 'RoundRobinAssigner', protocolType: 'consumer', members }) as GroupDescription;

describe('membersOnTopics', () => {
  const watched = new Set(['a', 'b']);
  it.each<[name: string, g: GroupDescription, counts: Record<string, number>]>([
    ['no members', group('Empty', []), {}],
    ['two members share a topic, one also reads another', group('Stable', [member(assigned({ a: [0, 1] })), member(assigned({ a: [2], b: [0] }))]), { a: 2, b: 1 }],
    ['a member with no partition of the topic does not count', group('Stable', [member(assigned({ a: [] })), member(assigned({ a: [0] }))]), { a: 1 }],
    ['topics that are not watched are left out', group('Stable', [member(assigned({ other: [0] }))]), {}],
    ['during a rebalance the subscription counts', group('PreparingRebalance', [member(Buffer.alloc(0), subscribed(['b', 'other']))]), { b: 1 }],
    ['bytes of another protocol count for nothing', group('Stable', [member(Buffer.from([1, 2, 3]))]), {}],
    ['an empty assignment counts for nothing', group('Stable', [member(Buffer.alloc(0))]), {}],
  ])('%s', (_name, g, counts) => {
    expect(Object.fromEntries(membersOnTopics(g, watched))).toEqual(counts);
  });
});

describe('lagOf', () => {
  const ends = [
    { partition: 0, low: '0', high: '100' },
    { partition: 1, low: '50', high: '80' },
    { partition: 2, low: '0', high: '0' },
  ];
  it.each<[name: string, committed: Array<[number, string]>, lag: number]>([
    ['up to date everywhere', [[0, '100'], [1, '80'], [2, '0']], 0],
    ['behind on one partition', [[0, '90'], [1, '80']], 10],
    ['never committed: from the low watermark', [], 130],
    ['committed below the low watermark: those records are gone', [[0, '100'], [1, '10']], 30],
    ['committed past the end (topic recreated): not negative', [[0, '500'], [1, '80']], 0],
  ])('%s -> %i', (_name, committed, lag) => {
    expect(lagOf(committedPositions(committed.map(([partition, offset]) => ({ partition, offset }))), ends)).toBe(lag);
  });

  it('reads -1 as no commit', () => {
    expect([...committedPositions([{ partition: 0, offset: '-1' }, { partition: 1, offset: '7' }])]).toEqual([[1, 7n]]);
  });
});

describe('commitsMoved', () => {
  const m = (o: Array<[number, bigint]>) => new Map(o);
  it.each<[name: string, before: Array<[number, bigint]>, after: Array<[number, bigint]>, moved: boolean]>([
    ['same offsets', [[0, 5n]], [[0, 5n]], false],
    ['one advanced', [[0, 5n], [1, 2n]], [[0, 5n], [1, 3n]], true],
    ['first commit on a partition', [[0, 5n]], [[0, 5n], [1, 0n]], true],
    ['reset backwards', [[0, 5n]], [[0, 1n]], true],
    ['nothing committed yet', [], [], false],
  ])('%s -> %s', (_name, before, after, moved) => {
    expect(commitsMoved(m(before), m(after))).toBe(moved);
  });
});
