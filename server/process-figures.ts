import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { HealthResponse } from '../lib/wire/rest';

/** Figures cover the last whole minute: long enough to hold a p99, short enough to show what happens now. */
export const PROCESS_WINDOW_MS = 60_000;
/** Sampling resolution of the event-loop delay histogram; finer costs timer wake-ups for nothing. */
const LOOP_RESOLUTION_MS = 10;

type LoopFigures = NonNullable<HealthResponse['process']['eventLoop']>;

interface GcWindow {
  pauses: number;
  majorPauses: number;
  totalMs: number;
  maxMs: number;
}

const emptyGc = (): GcWindow => ({ pauses: 0, majorPauses: 0, totalMs: 0, maxMs: 0 });
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * How long the monitor's event loop makes work wait (every API answer and live batch waits behind it) and how much of
 * that is garbage collection: the figures that tell a slow answer caused here from one caused by the machine.
 */
export function startProcessFigures(now: () => number = Date.now): { snapshot(): HealthResponse['process']; stop(): void } {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let gc = emptyGc();
  let windowStart = now();
  let last: LoopFigures | null = null;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      gc.pauses += 1;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorPauses += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  const current = (): LoopFigures => ({
    windowMs: now() - windowStart,
    // The histogram is in nanoseconds and includes the sampling interval itself, which is not delay.
    delayP50Ms: round(Math.max(0, loop.percentile(50) / 1e6 - LOOP_RESOLUTION_MS)),
    delayP99Ms: round(Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS)),
    delayMaxMs: round(Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS)),
    gcPauses: gc.pauses,
    gcMajorPauses: gc.majorPauses,
    gcTotalMs: round(gc.totalMs),
    gcMaxMs: round(gc.maxMs),
  });
  const rotate = setInterval(() => {
    last = current();
    loop.reset();
    gc = emptyGc();
    windowStart = now();
  }, PROCESS_WINDOW_MS);
  rotate.unref();

  return {
    snapshot: () => {
      const m = process.memoryUsage();
      return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, uptimeMs: Math.round(process.uptime() * 1000), eventLoop: last ?? current() };
    },
    stop: () => {
      clearInterval(rotate);
      loop.disable();
      observer.disconnect();
    },
  };
}
