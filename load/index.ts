import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuProfArgs } from '../bench/profile-files';
import { fileURLToPath } from 'node:url';
import { describeMachine } from '../bench/machine';
import { API_ONLY_ENTRY, startMonitorProcess, type MonitorProcess } from '../testing/monitor/monitor-process';
import { createBenchTopics } from '../testing/workload/volume';
import { startLocalKafka, type LocalKafka } from '../scripts/local-kafka';
import { startApiPoller } from './api-poller';
import { evaluate } from './checks';
import { startChild, type Child } from './child';
import { latencyFigures, rssFigures } from './figures';
import { lowerPriority } from './lower-priority';
import { FleetMessage, ProducerMessage, type FleetCommand, type ProducerStart } from './ipc';
import { parseLoadEnv } from './load-options';
import { printSummary } from './print-summary';
import { startCpuShares } from './cpu-shares';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loopDelayFigures, LOOP_RESOLUTION_MS } from '../server/process-figures';
import { startRssSampler, type SagaCountSample } from './rss-sampler';
import type { z } from 'zod';
import type { HealthResponse } from '../lib/wire/rest';

/**
 * `npm run test:load`: a real broker, the monitor in its production process, 50 live dashboards, a producer at
 * 5,000 events/s for 60 s, the API polled throughout and one dashboard that stops reading. Figures go to
 * load/results/latest.json; the exit code says whether every check held.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'load', 'results', 'latest.json');
/** The slow client stops reading below the heartbeat (25 s interval + 20 s timeout), so being slow is what is tested. */
const MAX_SLOW_PAUSE_MS = 30_000;
/** After the last record is produced, the monitor has this long to apply everything. */
const DRAIN_DEADLINE_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 60_000;
const CHILD_START_TIMEOUT_MS = 60_000;

const say = (line: string) => process.stderr.write(`[load] ${line}\n`);

async function waitApplied(monitor: MonitorProcess, produced: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < DRAIN_DEADLINE_MS) {
    const h = await monitor.health();
    if (h.applied + h.rejected.total >= produced) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

/**
 * The monitor's own event-loop and GC figures: its latest whole-minute window seen during the run (windows follow
 * the monitor's uptime, not the run), and the worst delay and pause any sample showed.
 */
function loopFigures(seen: Array<NonNullable<HealthResponse['process']['eventLoop']>>) {
  if (seen.length === 0) return null;
  const whole = seen.filter((l) => l.windowMs >= 50_000);
  return {
    lastWindow: whole.at(-1) ?? seen.at(-1)!,
    worstDelayMaxMs: Math.max(...seen.map((l) => l.delayMaxMs)),
    worstGcPauseMs: Math.max(...seen.map((l) => l.gcMaxMs)),
  };
}

async function main(): Promise<number> {
  const o = parseLoadEnv(process.env);
  const hasBuild = existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
  const pages = o.LOAD_NO_PAGES !== '1';
  if (pages && !hasBuild) {
    say('no production build of the pages (.next/BUILD_ID): run `npm run build` first, or LOAD_NO_PAGES=1 to load the API-only server');
    return 2;
  }
  const windowMs = o.LOAD_SECONDS * 1000;
  const pauseMs = o.LOAD_SLOW_PAUSE_MS ?? Math.min(MAX_SLOW_PAUSE_MS, windowMs / 2);
  say(`${o.LOAD_CLIENTS} clients, ${o.LOAD_RATE} events/s for ${o.LOAD_SECONDS} s, slow client paused ${pauseMs} ms, ${pages ? 'production server with pages' : 'API-only server (no pages)'}, maxFinishedSagas ${o.LOAD_MAX_FINISHED}, heap ceiling ${o.LOAD_MAX_HEAP_MB > 0 ? `${o.LOAD_MAX_HEAP_MB} MB` : 'Node default'}, load generator at nice ${o.LOAD_GENERATOR_NICE}`);

  let kafka: LocalKafka | null = null;
  let monitor: MonitorProcess | null = null;
  const children: Array<Child<unknown>> = [];
  // Broker and producer register as they start. The monitor keeps nice 0, and so do the measuring ends: this runner
  // (it times the API) and the dashboards (they time the feed's silences, which their own delays would inflate).
  const generatorPids: number[] = [];
  const lowered = lowerPriority(() => generatorPids, o.LOAD_GENERATOR_NICE);
  try {
    kafka = await startLocalKafka({ ephemeral: true, onProgress: (l) => say(`kafka: ${l}`) });
    generatorPids.push(kafka.pid);
    await createBenchTopics(kafka.brokers);
    const nodeArgs = [
      ...(o.LOAD_MAX_HEAP_MB > 0 ? [`--max-old-space-size=${o.LOAD_MAX_HEAP_MB}`] : []),
      ...o.LOAD_MONITOR_NODE_ARGS,
      ...(o.LOAD_PROFILE === '1' ? cpuProfArgs(path.join(ROOT, 'load', 'results', 'profiles')) : []),
    ];
    const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'saga-monitor-load-')), 'config.json');
    const shipped = JSON.parse(readFileSync(path.join(ROOT, 'saga-monitor.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...shipped, maxFinishedSagas: o.LOAD_MAX_FINISHED }));
    const env = { SAGA_MONITOR_CONFIG: configFile };
    monitor = await startMonitorProcess({ brokers: kafka.brokers, entry: pages ? undefined : API_ONLY_ENTRY, nodeArgs, env });
    await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS);
    say(`monitor ${monitor.url} (pid ${monitor.pid}) caught up`);

    const fleet = startChild<z.infer<typeof FleetCommand>, FleetMessage>(path.join(ROOT, 'load', 'client-fleet.ts'), FleetMessage, 'client fleet');
    children.push(fleet);
    fleet.send({ type: 'start', url: monitor.url, clients: o.LOAD_CLIENTS, slow: { afterMs: (windowMs - pauseMs) / 3, pauseMs } });
    await fleet.next((m) => (FleetMessage.parse(m).type === 'ready' ? true : undefined), CHILD_START_TIMEOUT_MS);
    say(`${o.LOAD_CLIENTS} live clients and the slow one connected`);

    let lastSaid = 0;
    const producer = startChild<z.infer<typeof ProducerStart>, ProducerMessage>(path.join(ROOT, 'load', 'paced-producer.ts'), ProducerMessage, 'producer', (m) => {
      if (m.type === 'progress' && m.produced - lastSaid >= o.LOAD_RATE * 10) {
        lastSaid = m.produced;
        say(`produced ${m.produced.toLocaleString('en-US')} records (${m.sagas.toLocaleString('en-US')} sagas), RSS ${Math.round(monitor!.rssBytes() / 2 ** 20)} MB`);
      }
    });
    children.push(producer);
    if (producer.proc.pid) generatorPids.push(producer.proc.pid);
    const windowStart = Date.now();
    const rss = startRssSampler(() => monitor!.rssBytes(), windowStart);
    const sagaCounts: SagaCountSample[] = [];
    type LoopFigures = NonNullable<HealthResponse['process']['eventLoop']>;
    const loops: LoopFigures[] = [];
    const poller = startApiPoller(monitor.url, (h) => {
      sagaCounts.push({ t: Date.now() - windowStart, sagas: h.sagas });
      if (h.process.eventLoop) loops.push(h.process.eventLoop);
    });
    const cpuAtStart = monitor.cpuMs();
    // The runner times the API: a late turn of its own loop shows as latency, so its own delay is reported beside it.
    const runnerLoop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    runnerLoop.enable();
    const shares = startCpuShares(() => ({ monitor: monitor?.pid, broker: kafka?.pid, producer: producer.proc.pid, dashboards: fleet.proc.pid, runner: process.pid }));
    producer.send({ type: 'start', brokers: kafka.brokers, rate: o.LOAD_RATE, seconds: o.LOAD_SECONDS, seed: o.LOAD_SEED });
    const done = await producer.next((m) => {
      const p = ProducerMessage.parse(m);
      return p.type === 'done' ? p : undefined;
    }, windowMs + CHILD_START_TIMEOUT_MS);
    const windowEnd = Date.now();
    const cpuMs = monitor.cpuMs() - cpuAtStart;
    const cpu = shares.stop();
    runnerLoop.disable();
    const runnerLoopFigures = loopDelayFigures(runnerLoop);
    const samples = rss.stop();
    const api = await poller.stop();
    const drainedMs = await waitApplied(monitor, done.produced);
    fleet.send({ type: 'finish', from: windowStart, to: windowEnd });
    const report = await fleet.next((m) => {
      const f = FleetMessage.parse(m);
      return f.type === 'report' ? f : undefined;
    }, CHILD_START_TIMEOUT_MS);
    const health = await monitor.health();

    const apiFigures = Object.fromEntries(Object.entries(api).map(([route, s]) => [route, latencyFigures(s.latenciesMs, s.errors.length, s.bytes)]));
    const rssF = rssFigures(samples, sagaCounts, windowEnd - windowStart);
    /** An epoch-ms time as seconds into the window, to a tenth. */
    const intoRunS = (at: number) => Math.round((at - windowStart) / 100) / 10;
    const dashboardStalls = report.stalls.map((x) => ({ ms: x.ms, endedAtS: intoRunS(x.endedAt) }));
    const slowClient = report.slow ? { ...report.slow, pausedAtS: intoRunS(report.slow.pausedAt) } : null;
    const checks = evaluate({ api: apiFigures, rss: rssF, clients: report.clients, dashboardStalls, slow: report.slow, produced: done.produced, expected: o.LOAD_RATE * o.LOAD_SECONDS, drainedMs });
    const results = {
      measuredAt: new Date().toISOString(),
      machine: describeMachine(),
      settings: { clients: o.LOAD_CLIENTS, eventsPerSec: o.LOAD_RATE, seconds: o.LOAD_SECONDS, seed: o.LOAD_SEED, slowPauseMs: pauseMs, pages, maxFinishedSagas: o.LOAD_MAX_FINISHED, maxHeapMB: o.LOAD_MAX_HEAP_MB, monitorNodeArgs: o.LOAD_MONITOR_NODE_ARGS, generatorNice: o.LOAD_GENERATOR_NICE },
      producer: { produced: done.produced, sagas: done.sagas, seconds: done.seconds, eventsPerSec: Math.round(done.produced / done.seconds), maxBehind: done.maxBehind },
      monitor: { drainedMs, applied: health.applied, rejected: health.rejected.total, sagas: health.sagas, cpuPercentOfOneCore: Math.round((cpuMs / (windowEnd - windowStart)) * 100), batchesSent: report.maxSeq, eventLoop: loopFigures(loops) },
      cpu,
      runnerEventLoop: runnerLoopFigures,
      api: apiFigures,
      apiErrorSamples: Object.fromEntries(Object.entries(api).map(([r, s]) => [r, s.errors.slice(0, 3)])),
      rss: rssF,
      clients: report.clients,
      dashboardStalls,
      slowClient,
      checks,
      passed: checks.every((c) => c.ok),
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    printSummary(results);
    say(`figures in ${path.relative(ROOT, RESULTS)}`);
    return results.passed ? 0 : 1;
  } finally {
    lowered.stop();
    for (const c of children) c.kill();
    await monitor?.stop().catch((e: unknown) => say(`monitor stop: ${String(e)}`));
    await kafka?.stop().catch((e: unknown) => say(`kafka stop: ${String(e)}`));
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
