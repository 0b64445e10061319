import { afterEach, describe, expect, it } from 'vitest';
import { startProcessFigures } from './process-figures';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

/** Holds the event loop, as a long synchronous job would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('startProcessFigures', () => {
  it('shows a blocked event loop and garbage-collection pauses', async () => {
    const figures = startProcessFigures();
    stop = figures.stop;
    await new Promise((r) => setTimeout(r, 50));
    block(150);
    let keep: number[][] = [];
    for (let i = 0; i < 200; i++) keep = [...keep.slice(-5), new Array(100_000).fill(i)];
    await new Promise((r) => setTimeout(r, 50));
    const loop = figures.snapshot().eventLoop!;
    expect(keep.length).toBe(6);
    expect(loop.delayMaxMs).toBeGreaterThanOrEqual(100);
    expect(loop.delayP50Ms).toBeLessThan(loop.delayMaxMs);
    expect(loop.gcPauses).toBeGreaterThan(0);
    expect(loop.gcTotalMs).toBeGreaterThan(0);
    expect(loop.gcMaxMs).toBeLessThanOrEqual(loop.gcTotalMs);
  });

  it('reports memory and uptime with the loop figures', () => {
    const figures = startProcessFigures();
    stop = figures.stop;
    const s = figures.snapshot();
    expect(s.rssBytes).toBeGreaterThan(s.heapUsedBytes);
    expect(s.uptimeMs).toBeGreaterThan(0);
    expect(s.eventLoop!.windowMs).toBeGreaterThanOrEqual(0);
  });
});
