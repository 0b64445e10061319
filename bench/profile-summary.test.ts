import { describe, expect, it } from 'vitest';
import { formatSummary, summarizeProfile, type CpuProfile } from './profile-summary';

/**
 * A hand-written profile: root -> main -> { decode, apply }, plus idle. Samples every 1 ms from t = 1000 µs:
 * decode 3 ms, apply 1 ms, idle 1 ms, decode again 1 ms (the last sample lasts until endTime).
 */
const fixture: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
    { id: 2, callFrame: { functionName: 'main', url: 'file:///repo/server/index.ts', lineNumber: 9 } },
    { id: 3, callFrame: { functionName: 'decode', url: 'file:///repo/server/kafka/decode.ts', lineNumber: 11 } },
    { id: 4, callFrame: { functionName: '', url: 'file:///repo/server/store/saga-store.ts', lineNumber: 40 } },
    { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    // The same function reached through another call path: merged with node 3.
    { id: 6, callFrame: { functionName: 'decode', url: 'file:///repo/server/kafka/decode.ts', lineNumber: 11 } },
  ],
  startTime: 0,
  endTime: 7_000,
  samples: [3, 3, 6, 4, 5, 3],
  timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
};

describe('summarizeProfile', () => {
  it('adds each sample until the next one to its frame, merging one function seen on several paths', () => {
    const s = summarizeProfile(fixture, { root: '/repo' });
    expect(s.totalMs).toBe(6);
    expect(s.idleMs).toBe(1);
    expect(s.top).toEqual([
      { frame: 'decode server/kafka/decode.ts:12', selfMs: 4, percent: 66.7 },
      { frame: '(anonymous) server/store/saga-store.ts:41', selfMs: 1, percent: 16.7 },
      { frame: '(idle)', selfMs: 1, percent: 16.7 },
    ]);
  });

  it('keeps only the time inside the window, cutting samples at its edges', () => {
    const s = summarizeProfile(fixture, { root: '/repo', fromUs: 2_500, toUs: 4_500 });
    expect(s.totalMs).toBe(2);
    expect(s.top.map((f) => [f.frame.split(' ')[0], f.selfMs])).toEqual([
      ['decode', 1.5],
      ['(anonymous)', 0.5],
    ]);
  });

  it('limits the list and formats it as a table', () => {
    const s = summarizeProfile(fixture, { top: 1 });
    expect(s.top).toHaveLength(1);
    expect(formatSummary(s).split('\n')).toEqual(['sampled 6 ms, idle 1 ms', 'self ms    %  frame', '    4.0  66.7  decode /repo/server/kafka/decode.ts:12']);
  });

  it('shows the source line a resolver gives, no line where it cannot tell, the recorded one elsewhere', () => {
    const s = summarizeProfile(fixture, {
      root: '/repo',
      sourceLine: (f) => (f.url.endsWith('decode.ts') ? 40 : f.url.endsWith('saga-store.ts') ? null : undefined),
    });
    expect(s.top.map((f) => f.frame)).toEqual(['decode server/kafka/decode.ts:40', '(anonymous) server/store/saga-store.ts', '(idle)']);
  });
});
