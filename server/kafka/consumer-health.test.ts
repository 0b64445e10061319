import { describe, expect, it } from 'vitest';
import { ConsumerHealth } from './consumer-health';

function health(topics = ['a', 'b']) {
  const clock = { now: 1_000 };
  return { h: new ConsumerHealth(topics, ['broker:9092'], () => clock.now), clock };
}

describe('ConsumerHealth catch-up', () => {
  it('is caught up once every partition reaches the end offset it had when found, and says when', () => {
    const { h, clock } = health();
    h.setTopicOffsets('a', [
      { partition: 0, low: '0', high: '10' },
      { partition: 1, low: '5', high: '5' },
    ]);
    h.setTopicOffsets('b', [{ partition: 0, low: '0', high: '3' }]);
    expect(h.caughtUp()).toBe(false);
    h.markOffsetsKnown();
    h.advance('a', 0, '10', 10);
    expect(h.caughtUp()).toBe(false);
    clock.now = 2_000;
    h.advance('b', 0, '2', 2);
    h.advance('b', 0, '1', 1);
    expect(h.caughtUp()).toBe(false);
    clock.now = 3_000;
    h.advance('b', 0, '3', 1);
    expect(h.caughtUp()).toBe(true);
    const s = h.snapshot();
    expect(s.catchUp).toEqual({ done: true, progress: 1, startedAt: 1_000, doneAt: 3_000 });
    expect(s.consumed).toBe(14);
    expect(s.topics.find((t) => t.topic === 'b')!.partitions).toEqual([{ partition: 0, endAtStart: '3', position: '3', caughtUp: true }]);
  });

  it('is not caught up before the end offsets are known, and counts a partition found later', () => {
    const { h } = health(['a']);
    expect(h.caughtUp()).toBe(false);
    h.setTopicOffsets('a', [{ partition: 0, low: '0', high: '0' }]);
    h.markOffsetsKnown();
    expect(h.caughtUp()).toBe(true);
    h.setTopicOffsets('a', [{ partition: 1, low: '0', high: '4' }]);
    expect(h.caughtUp()).toBe(false);
    h.advance('a', 1, '2', 2);
    expect(h.snapshot().catchUp.progress).toBe(0.5);
    h.advance('a', 1, '9', 7);
    expect(h.caughtUp()).toBe(true);
  });

  it('ignores records of partitions it was not told about', () => {
    const { h } = health(['a']);
    h.setTopicOffsets('a', [{ partition: 0, low: '0', high: '1' }]);
    h.markOffsetsKnown();
    h.advance('x', 0, '5', 5);
    expect(h.caughtUp()).toBe(false);
    expect(h.consumed).toBe(5);
    expect(h.missingTopics()).toEqual([]);
  });
});
