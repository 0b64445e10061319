import { describe, expect, it } from 'vitest';
import type { CpuProfile } from './profile-summary';
import { coverage, spanOfFrames } from './profile-window';

/** root -> run -> { eachBatch -> parse, tick }, plus idle; samples every 1 ms from t = 1000 µs. */
const fixture: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 6] },
    { id: 2, callFrame: { functionName: 'run', url: 'file:///repo/server/kafka/runner.js', lineNumber: 3 }, children: [3, 5] },
    { id: 3, callFrame: { functionName: 'eachBatch', url: 'file:///repo/server/kafka/saga-consumer.ts', lineNumber: 0 }, children: [4] },
    { id: 4, callFrame: { functionName: 'parse', url: 'file:///repo/lib/saga/extract.ts', lineNumber: 0 } },
    { id: 5, callFrame: { functionName: 'tick', url: 'file:///repo/server/store/saga-store.ts', lineNumber: 0 } },
    { id: 6, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ],
  startTime: 0,
  endTime: 8_000,
  // idle, tick, parse (under eachBatch), idle, eachBatch, tick, idle
  samples: [6, 5, 4, 6, 3, 5, 6],
  timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
};

describe('spanOfFrames', () => {
  it('spans the first to the last sample with a matching frame anywhere on its stack', () => {
    expect(spanOfFrames(fixture, (cf) => cf.functionName === 'eachBatch')).toEqual({ fromUs: 3_000, toUs: 6_000 });
  });

  it('is null when no sample matches', () => {
    expect(spanOfFrames(fixture, (cf) => cf.functionName === 'nowhere')).toBeNull();
  });
});

describe('coverage', () => {
  it('is the share of the window inside the profile', () => {
    expect(coverage(fixture, { fromUs: 2_000, toUs: 6_000 })).toBe(1);
    expect(coverage(fixture, { fromUs: 6_000, toUs: 10_000 })).toBe(0.5);
    expect(coverage(fixture, { fromUs: 9_000, toUs: 12_000 })).toBe(0);
  });
});
