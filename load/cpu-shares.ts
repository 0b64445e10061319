import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ), 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process, its threads included, in ms; null once it has gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces; utime and stime are 12 and 13.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total time of every CPU since boot, in ticks, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
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
  const p0 = Object.fromEntries(Object.entries(pids()).map(([name, pid]) => [name, pid === undefined ? null : processCpuMs(pid)]));
  return {
    stop: () => {
      const elapsed = Date.now() - t0;
      const m1 = machineTicks();
      const processes: Record<string, number | null> = {};
      for (const [name, pid] of Object.entries(pids())) {
        const before = p0[name];
        const after = pid === undefined ? null : processCpuMs(pid);
        processes[name] = before === null || before === undefined || after === null ? null : Math.round(((after - before) / elapsed) * 100);
      }
      const total = m1.total - m0.total;
      return { machineBusyPercent: total > 0 ? Math.round(((m1.busy - m0.busy) / total) * 100) : 0, processes };
    },
  };
}
