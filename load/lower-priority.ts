import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Threads started after a pass (the broker opens some per connection) are caught by the next one. */
const PASS_INTERVAL_MS = 1_000;

/**
 * Linux nice values belong to threads, not processes: setpriority(pid) moves only the main thread, and a JVM or a
 * Node process already runs others. So every thread listed under /proc/<pid>/task gets the value, again every second.
 */
export function niceThreads(pid: number, nice: number): number {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let moved = 0;
  for (const tid of tids) {
    try {
      setPriority(Number(tid), nice);
      moved += 1;
    } catch {
      // The thread ended between the listing and the call.
    }
  }
  return moved;
}

/**
 * Runs the load generator's processes (broker, producer) at a lower CPU priority than the monitor, so on a
 * machine that hosts all of them the monitor gets the share a machine of its own would give it. 0 changes nothing.
 */
export function lowerPriority(pids: () => number[], nice: number): { stop(): void } {
  if (nice === 0) return { stop: () => {} };
  const pass = () => {
    for (const pid of pids()) niceThreads(pid, nice);
  };
  pass();
  const timer = setInterval(pass, PASS_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
