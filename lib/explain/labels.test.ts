import { describe, expect, it } from 'vitest';
import type { TopicConsumers } from '../wire/consumers';
import { consumersOfTopics, isTroubling, lagText, slowSentence, troublingConsumers } from './labels';

const topic = (t: string, verdict: TopicConsumers['verdict']): TopicConsumers => ({ topic: t, checkedAt: 1, verdict, summary: `${t} ${verdict}`, groups: [], error: null });

describe('isTroubling', () => {
  it.each([
    ['ok', false],
    ['unknown', false],
    ['lagging', true],
    ['stalled', true],
    ['no-consumers', true],
  ] as const)('%s -> %s', (v, want) => expect(isTroubling(v)).toBe(want));
});

describe('troublingConsumers', () => {
  it('keeps only topics whose readers explain a wait, in order', () => {
    const got = troublingConsumers([topic('a', 'ok'), topic('b', 'stalled'), topic('c', 'unknown'), topic('d', 'no-consumers')]);
    expect(got.map((c) => c.topic)).toEqual(['b', 'd']);
  });
  it('treats a missing list (older server) as nothing to say', () => {
    expect(troublingConsumers(undefined)).toEqual([]);
  });
});

describe('consumersOfTopics', () => {
  it('looks up an alert\'s topics, in the alert\'s order, leaving out unknown ones', () => {
    const all = [topic('a', 'ok'), topic('b', 'stalled')];
    expect(consumersOfTopics(['b', 'x', 'a'], all).map((c) => c.topic)).toEqual(['b', 'a']);
    expect(consumersOfTopics(undefined, all)).toEqual([]);
    expect(consumersOfTopics(['a'], undefined)).toEqual([]);
  });
});

describe('lagText', () => {
  it.each([
    [null, 'unknown'],
    [0, '0 records'],
    [1, '1 record'],
    [12345, '12,345 records'],
  ])('%s -> %s', (lag, want) => expect(lagText({ lag }, 'en-US')).toBe(want));
});

describe('slowSentence', () => {
  it('says how long the step waited against what was learned', () => {
    const slow = { step: 'shipping', since: 10_360, thresholdMs: 360, p50Ms: 40, p99Ms: 120, samples: 1250, factor: 3 };
    expect(slowSentence(slow, 14_200, 'en-US')).toBe(
      'Step shipping has waited 4.2 s, longer than 3 × its p99: recent shipping steps took p50 40 ms, p99 120 ms over 1,250 completions, so it is flagged slow past 360 ms.',
    );
  });
});
