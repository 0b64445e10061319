import { readFileSync } from 'node:fs';
import { processCpuMs } from '../testing/monitor/monitor-process';

/** A process's CPU time in ms; null once it has gone. */
function cpuMsOrNull(pid: number): number | null {
  try {
    return processCpuMs(pid);
  } catch {
    return null;
  }
}

/** Busy and total time of every CPU since boot, in ticks, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const n = first.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuShares {
  /** Share of all cores that were busy, 0-100. */
  machineBusyPercent: number;
  /** Each named process's CPU in percent of one core. */
  processes: Record<string, number | null>;
}

/**
 * Who used the machine's CPU between start and stop: the load shares two cores between the monitor, the broker, the
 * producer, the dashboards and this runner, and a saturated machine delays every one of them.
 */
export function startCpuShares(pids: () => Record<string, number | undefined>): { stop(): CpuShares } {
  const t0 = Date.now();
  const m0 = machineTicks();
  const p0 = Object.fromEntries(Object.entries(pids()).map(([name, pid]) => [name, pid === undefined ? null : cpuMsOrNull(pid)]));
  return {
    stop: () => {
      const elapsed = Date.now() - t0;
      const m1 = machineTicks();
      const processes: Record<string, number | null> = {};
      for (const [name, pid] of Object.entries(pids())) {
        const before = p0[name];
        const after = pid === undefined ? null : cpuMsOrNull(pid);
        processes[name] = before === null || before === undefined || after === null ? null : Math.round(((after - before) / elapsed) * 100);
      }
      const total = m1.total - m0.total;
      return { machineBusyPercent: total > 0 ? Math.round(((m1.busy - m0.busy) / total) * 100) : 0, processes };
    },
  };
}
