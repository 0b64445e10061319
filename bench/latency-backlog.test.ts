import { describe, expect, it } from 'vitest';
import { summarizeBacklog, type LagSample } from './latency-backlog';

const series = (lagAt: (s: number) => number, seconds = 30): LagSample[] =>
  Array.from({ length: seconds + 1 }, (_, s) => ({ t: s * 1_000, lag: lagAt(s) }));

describe('summarizeBacklog', () => {
  it('a lag that hovers is no growing backlog', () => {
    const b = summarizeBacklog(series((s) => (s % 2 === 0 ? 800 : 1_200)), 10_000);
    expect(b.noGrowingBacklog).toBe(true);
    expect(b.lagAtStart).toBeGreaterThan(700);
    expect(Math.abs(b.slopePerSec)).toBeLessThan(50);
  });

  it('a lag that rises by a fraction of the input rate each second is a growing backlog', () => {
    const b = summarizeBacklog(series((s) => s * 2_000), 10_000);
    expect(b.noGrowingBacklog).toBe(false);
    expect(b.slopePerSec).toBe(2_000);
    expect(b.lagAtEnd - b.lagAtStart).toBeGreaterThan(10_000);
  });

  it('tolerates up to one second of input more at the end', () => {
    expect(summarizeBacklog([{ t: 0, lag: 0 }, { t: 30_000, lag: 1_000 }], 1_000).noGrowingBacklog).toBe(true);
    expect(summarizeBacklog([{ t: 0, lag: 0 }, { t: 30_000, lag: 1_001 }], 1_000).noGrowingBacklog).toBe(false);
  });

  it('no samples cannot prove the monitor kept up', () => {
    expect(summarizeBacklog([], 1_000).noGrowingBacklog).toBe(false);
  });
});
