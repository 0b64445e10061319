import type { LatencyFigures, RssFigures } from './figures';
import type { Check, DashboardStall } from './checks';
import type { CpuShares } from './cpu-shares';
import type { ClientFigures, SlowOutcome } from './ipc';

interface Summary {
  settings: { clients: number; eventsPerSec: number; seconds: number; pages: boolean };
  producer: { produced: number; eventsPerSec: number };
  monitor: {
    drainedMs: number | null;
    sagas: number;
    cpuPercentOfOneCore: number;
    batchesSent: number;
    eventLoop: { lastWindow: { delayP50Ms: number; delayP99Ms: number; gcPauses: number; gcMajorPauses: number; gcTotalMs: number }; worstDelayMaxMs: number; worstGcPauseMs: number } | null;
  };
  cpu: CpuShares;
  runnerEventLoop: { delayP50Ms: number; delayP99Ms: number; delayMaxMs: number };
  api: Record<string, LatencyFigures>;
  rss: RssFigures;
  clients: ClientFigures[];
  dashboardStalls: DashboardStall[];
  slowClient: (SlowOutcome & { pausedAtS: number }) | null;
  checks: Check[];
  passed: boolean;
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]} / median ${s[Math.floor(s.length / 2)]} / max ${s.at(-1)}`;
};

/** The figures a reader wants first, on stdout; the whole record is in the results file. */
export function printSummary(r: Summary): void {
  const out: string[] = [];
  out.push(`Load: ${r.settings.clients} clients, ${r.settings.eventsPerSec} events/s for ${r.settings.seconds} s (${r.settings.pages ? 'with pages' : 'API only'})`);
  const loop = r.monitor.eventLoop;
  if (loop) {
    const w = loop.lastWindow;
    out.push(
      `monitor event loop: delay p50 ${w.delayP50Ms} ms, p99 ${w.delayP99Ms} ms (worst ${loop.worstDelayMaxMs} ms); GC ${w.gcPauses} pauses (${w.gcMajorPauses} major), ${w.gcTotalMs} ms in a minute, longest ${loop.worstGcPauseMs} ms`,
    );
  }
  out.push(`producer: ${r.producer.produced} records, ${r.producer.eventsPerSec}/s; monitor: ${r.monitor.sagas} sagas, ${r.monitor.cpuPercentOfOneCore}% of a core, ${r.monitor.batchesSent} batches, drained in ${r.monitor.drainedMs ?? 'n/a'} ms`);
  out.push(`machine: ${r.cpu.machineBusyPercent}% of all cores busy; ${Object.entries(r.cpu.processes).map(([n, p]) => `${n} ${p ?? 'n/a'}%`).join(', ')} of a core`);
  const rl = r.runnerEventLoop;
  out.push(`runner event loop (it times the API): delay p50 ${rl.delayP50Ms} ms, p99 ${rl.delayP99Ms} ms, max ${rl.delayMaxMs} ms`);
  out.push('');
  out.push(`${pad('route', 44)}${pad('n', 7)}${pad('p50', 8)}${pad('p95', 8)}${pad('p99', 8)}${pad('max', 8)}mean body`);
  for (const [route, f] of Object.entries(r.api)) {
    out.push(`${pad(route, 44)}${pad(f.requests, 7)}${pad(f.p50, 8)}${pad(f.p95, 8)}${pad(f.p99, 8)}${pad(f.max, 8)}${Math.round(f.meanBytes / 1024)} KB`);
  }
  out.push('');
  out.push(`RSS: min ${r.rss.minMB} MB, max ${r.rss.maxMB} MB, slope ${r.rss.slopeMBPerMin} MB/min; middle third ${r.rss.middleThirdMeanMB} MB, last third ${r.rss.lastThirdMeanMB} MB (slope ${r.rss.lastThirdSlopeMBPerMin} MB/min)`);
  out.push(`updates per client: batches ${spread(r.clients.map((c) => c.batches))}; items ${spread(r.clients.map((c) => c.items))}; longest silence ${spread(r.clients.map((c) => c.maxGapMs))} ms; resyncs ${r.clients.reduce((a, c) => a + c.resyncs, 0)}, seq gaps ${r.clients.reduce((a, c) => a + c.seqGaps, 0)}`);
  const st = r.dashboardStalls;
  out.push(`dashboards' own process: ${st.length === 0 ? 'no stall' : `${st.length} stalls of 250 ms or more, longest ${Math.max(...st.map((x) => x.ms))} ms (ending at ${st.map((x) => `${x.endedAtS} s`).join(', ')})`}`);
  const s = r.slowClient;
  if (s) out.push(`slow client: paused at ${s.pausedAtS} s; ${s.outcome} ${s.msToOutcome} ms after ${s.pausedMs} ms paused; server held ${(s.serverHeldBytes / 2 ** 20).toFixed(2)} MB of ${(s.unboundedBytes / 2 ** 20).toFixed(2)} MB missed (kernel ${(s.kernelBytes / 2 ** 20).toFixed(2)} MB); ${s.batchesAfterOutcome} batches after`);
  out.push('');
  for (const c of r.checks) out.push(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  out.push(r.passed ? 'load: every check held' : 'load: FAILED');
  process.stdout.write(`${out.join('\n')}\n`);
}
