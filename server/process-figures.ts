import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram, type PerformanceEntry } from 'node:perf_hooks';
import type { HealthResponse } from '../lib/wire/rest';

/** Figures cover the last whole minute: long enough to hold a p99, short enough to show what happens now. */
export const PROCESS_WINDOW_MS = 60_000;
/** Sampling resolution of the event-loop delay histogram; finer costs timer wake-ups for nothing. */
export const LOOP_RESOLUTION_MS = 10;

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
 * Delay percentiles in ms of a histogram from monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS }). The histogram
 * is in nanoseconds and includes the sampling interval itself, which is not delay.
 */
export function loopDelayFigures(h: IntervalHistogram): { delayP50Ms: number; delayP99Ms: number; delayMaxMs: number } {
  const delay = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
  return { delayP50Ms: delay(h.percentile(50)), delayP99Ms: delay(h.percentile(99)), delayMaxMs: delay(h.max) };
}

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
    ...loopDelayFigures(loop),
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
