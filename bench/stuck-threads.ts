import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) per thread of a process, keyed by thread id, with the thread's name. */
export type ThreadTimes = Map<number, { name: string; cpuMs: number }>;

export function threadTimes(pid: number): ThreadTimes {
  const out: ThreadTimes = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), { name, cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND });
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return out;
}

/** CPU used between two readings as % of one core, summed by thread name (V8's GC helpers share one name). */
export function threadPercents(before: ThreadTimes, after: ThreadTimes, elapsedMs: number): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const [tid, t] of after) {
    const used = t.cpuMs - (before.get(tid)?.cpuMs ?? 0);
    if (used > 0) byName[t.name] = (byName[t.name] ?? 0) + used;
  }
  return Object.fromEntries(
    Object.entries(byName)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => [name, Math.round((ms / elapsedMs) * 10_000) / 100]),
  );
}
