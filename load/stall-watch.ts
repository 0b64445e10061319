import type { Stall } from './ipc';

/** The watch's tick; a tick this much later than due counts as a stall. */
const TICK_MS = 20;
const STALL_MS = 250;

/**
 * Records every time this process's event loop did not turn for STALL_MS or more. The dashboards share two cores
 * with what they measure: a client silent while its own process stalled says nothing about the server.
 */
export function watchStalls(): { between(from: number, to: number): Stall[] } {
  const stalls: Stall[] = [];
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last - TICK_MS >= STALL_MS) stalls.push({ ms: now - last - TICK_MS, endedAt: now });
    last = now;
  }, TICK_MS);
  // Runs for the life of the process; it must not keep it alive.
  timer.unref();
  return { between: (from, to) => stalls.filter((s) => s.endedAt >= from && s.endedAt - s.ms <= to) };
}
