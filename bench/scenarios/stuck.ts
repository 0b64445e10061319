import path from 'node:path';
import { newRunTag } from '../../demo/saga-id';
import { pollUntil } from '../../lib/poll-until';
import { loadConfig } from '../../server/config/load-config';
import { compileConfig } from '../../lib/saga/compiled-config';
import { startMonitorProcess, type MonitorProcess } from '../../testing/monitor/monitor-process';
import type { Scenario } from '../scenario';
import { round } from '../stats';
import { watchAlerts, type AlertWatch } from '../stuck-alerts';
import { summarizeDelays } from '../stuck-delays';
import { cpuProfArgs, newestProfile, profileDirFor } from '../profile-files';
import { readProfile, summarizeProfile, type ProfileSummary } from '../profile-summary';
import { threadPercents, threadTimes } from '../stuck-threads';
import { planStuckSagas, sagasOf, shapeThresholds, type PlannedSaga } from '../stuck-workload';
import { seed } from '../../testing/workload/volume';

/**
 * Stuck detection at scale: a million in-flight sagas whose deadlines lie far ahead, and a sample that expires at
 * known times after a quiet period. The quiet period measures what the monitor costs while nothing expires; the
 * sample measures the delay from each deadline to the dashboard's receipt of its stuck alert.
 *
 * Overrides for iterating at a smaller size: BENCH_STUCK_SAGAS (in flight, sample included), BENCH_STUCK_SAMPLE,
 * BENCH_STUCK_QUIET_MS (>= 20 s of it is measured), BENCH_STUCK_WINDOW_MS (over which the sample expires).
 */
const SAGAS = envInt('BENCH_STUCK_SAGAS', 1_000_000);
/** Enough alerts for a stable p99 at a rate (500/s) the live feed carries easily. */
const SAMPLE = Math.min(envInt('BENCH_STUCK_SAMPLE', 10_000), Math.floor(SAGAS / 10));
/** The idle measurement must span at least this long to smooth out GC and heartbeats. */
const MIN_IDLE_MEASURE_MS = 20_000;
const QUIET_MS = Math.max(envInt('BENCH_STUCK_QUIET_MS', 30_000), MIN_IDLE_MEASURE_MS + 5_000);
const WINDOW_MS = envInt('BENCH_STUCK_WINDOW_MS', 20_000);
/** The bulk's deadlines start this long after seeding began: past any seeding and catch-up this box can take. */
const BULK_AHEAD_MS = 30 * 60_000;
/** Bulk deadlines spread over ten minutes, so the heap holds distinct times; its newest records stay under Kafka's
 * default limit on future timestamps (log.message.timestamp.after.max.ms, one hour). */
const BULK_SPREAD_MS = 10 * 60_000;
/** Time allowed to produce the sample and for the monitor to apply it, before the quiet period. */
const SAMPLE_SETTLE_MS = 10_000;
/** The live feed's last flush of the sample's changes and the stats tick settle within this. */
const IDLE_LEAD_MS = 2_000;
/** Stop measuring idle a little before the first sample deadline. */
const IDLE_TAIL_MS = 500;
/** Alerts are awaited this long after the last deadline; a saga not raised by then counts as never raised. */
const GRACE_MS = 10_000;
/** 1M sagas take minutes to read on a busy 2-core box; this only bounds a broken run. */
const CATCH_UP_TIMEOUT_MS = 20 * 60_000;
const PROGRESS_EVERY_MS = 5_000;
const CPU_SAMPLE_MS = 1_000;
const PROFILE_TOP = 12;
/** Enough of the monitor's stderr to show why it ended (a V8 heap report is about this long). */
const STDERR_TAIL_CHARS = 4_000;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

/** The clock of V8's .cpuprofile timestamps, so a phase of the run can be cut out of a whole-run profile. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** CPU of the monitor over [now, until) as % of one core, and the busiest second of it. */
async function measureCpu(
  m: MonitorProcess,
  until: number,
): Promise<{ percent: number; maxSecondPercent: number; seconds: number; byThread: Record<string, number> }> {
  const t0 = Date.now();
  const c0 = m.cpuMs();
  const threads0 = threadTimes(m.pid);
  let maxSecond = 0;
  let prevT = t0;
  let prevC = c0;
  while (Date.now() < until) {
    await sleep(Math.min(CPU_SAMPLE_MS, until - Date.now()));
    const t = Date.now();
    const c = m.cpuMs();
    if (t - prevT >= CPU_SAMPLE_MS / 2) maxSecond = Math.max(maxSecond, ((c - prevC) / (t - prevT)) * 100);
    prevT = t;
    prevC = c;
  }
  const elapsed = Date.now() - t0;
  const byThread = threadPercents(threads0, threadTimes(m.pid), elapsed);
  return { percent: round(((m.cpuMs() - c0) / elapsed) * 100, 2), maxSecondPercent: round(maxSecond, 1), seconds: round(elapsed / 1000, 1), byThread };
}

/** The records the monitor has applied once it has `atLeast`, or after `timeoutMs` however many that is. */
async function waitApplied(m: MonitorProcess, atLeast: number, timeoutMs: number): Promise<number> {
  let applied = 0;
  await pollUntil(
    `${atLeast} records applied`,
    async () => {
      applied = (await m.health()).applied;
      return applied >= atLeast;
    },
    Math.max(0, timeoutMs),
  ).catch(() => undefined);
  return applied;
}

function eventsOf(plan: PlannedSaga[]): number {
  return plan.reduce((n, p) => n + p.saga.records.length, 0);
}

export const scenario: Scenario = {
  name: 'stuck',
  summary: `${SAGAS.toLocaleString('en-US')} in-flight sagas; idle CPU of the monitor and stuck detection delay of ${SAMPLE.toLocaleString('en-US')} expiring ones`,
  needsKafka: true,
  async run(ctx) {
    const brokers = ctx.kafka!.brokers;
    const config = compileConfig(loadConfig(path.join(ctx.root, 'saga-monitor.config.json'), { KAFKA_BROKERS: brokers }));
    const thresholds = shapeThresholds(config);
    const runTag = newRunTag();
    const bulkCount = SAGAS - SAMPLE;
    const seedStart = Date.now();
    const bulkFrom = seedStart + BULK_AHEAD_MS;
    ctx.say(`thresholds ${JSON.stringify(thresholds)} ms; seeding ${bulkCount.toLocaleString('en-US')} sagas with deadlines ${BULK_AHEAD_MS / 60_000}-${(BULK_AHEAD_MS + BULK_SPREAD_MS) / 60_000} min ahead`);
    const bulkPlan = planStuckSagas({
      seed: `stuck-bulk-${SAGAS}`,
      runTag,
      firstOrdinal: 0,
      count: bulkCount,
      thresholds,
      deadlineOf: (_i, rng) => bulkFrom + Math.floor(rng() * BULK_SPREAD_MS),
    });
    const seeded = await seed(brokers, Number.POSITIVE_INFINITY, { seed: 0, runTag, startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 }, ctx.say, sagasOf(bulkPlan));
    ctx.say(`seeded ${seeded.sagas.toLocaleString('en-US')} sagas, ${seeded.events.toLocaleString('en-US')} records in ${round(seeded.seconds)} s`);

    const profileDir = ctx.profile ? profileDirFor(ctx.profileDir, 'stuck-monitor') : null;
    const nodeArgs = profileDir ? cpuProfArgs(profileDir) : [];
    const startedAt = Date.now();
    const monitor = await startMonitorProcess({ brokers, nodeArgs });
    let stderrTail = '';
    monitor.child.stderr!.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString('utf8')).slice(-STDERR_TAIL_CHARS)));
    monitor.child.once('exit', (code, signal) => ctx.say(`the monitor exited (code ${code}, signal ${signal}); its stderr ends:\n${stderrTail}`));
    let watch: AlertWatch | null = null;
    try {
      let lastSay = 0;
      const caught = await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS, (h) => {
        if (Date.now() - lastSay < PROGRESS_EVERY_MS) return;
        lastSay = Date.now();
        ctx.say(`catch-up ${round(h.catchUp.progress * 100)}%: ${h.sagas.toLocaleString('en-US')} sagas, rss ${round(monitor.rssBytes() / 2 ** 20, 0)} MiB`);
      });
      const catchUpMs = Date.now() - startedAt;
      const rssAtCatchUp = monitor.rssBytes();
      const heapAtCatchUp = caught.process.heapUsedBytes;
      ctx.say(`caught up in ${round(catchUpMs / 1000)} s with ${caught.sagas.toLocaleString('en-US')} sagas; rss ${round(rssAtCatchUp / 2 ** 20, 0)} MiB`);
      if (Date.now() + SAMPLE_SETTLE_MS + QUIET_MS + WINDOW_MS + GRACE_MS >= bulkFrom) {
        throw new Error('seeding and catch-up took so long that the bulk deadlines would pass during the measurement');
      }

      watch = await watchAlerts(monitor.url);
      const windowStart = Date.now() + SAMPLE_SETTLE_MS + QUIET_MS;
      const sample = [
        ...planStuckSagas({
          seed: `stuck-sample-${SAGAS}`,
          runTag,
          firstOrdinal: bulkCount,
          count: SAMPLE,
          thresholds,
          // Evenly spread: the detector sees a steady trickle, never a burst.
          deadlineOf: (i) => windowStart + Math.round(((i + 0.5) * WINDOW_MS) / SAMPLE),
        }),
      ];
      const planned = new Map(sample.map((p) => [p.saga.sagaId, p.deadline]));
      await seed(brokers, Number.POSITIVE_INFINITY, { seed: 0, runTag, startAt: 0, sagaSpacingMs: 0, stepSpacingMs: 0 }, () => {}, sagasOf(sample));
      const expectedApplied = seeded.events + eventsOf(sample);
      const applied = await waitApplied(monitor, expectedApplied, windowStart - Date.now() - MIN_IDLE_MEASURE_MS - IDLE_LEAD_MS);
      if (applied < expectedApplied) ctx.say(`warning: ${applied} of ${expectedApplied} records applied when the quiet period began`);

      await sleep(IDLE_LEAD_MS);
      const idleFromUs = monotonicUs();
      const raisedBeforeIdle = watch.raised();
      ctx.say(`quiet: measuring CPU until the first deadline, ${round((windowStart - Date.now()) / 1000)} s`);
      const idle = await measureCpu(monitor, windowStart - IDLE_TAIL_MS);
      const idleToUs = monotonicUs();
      const raisedWhileIdle = watch.raised() - raisedBeforeIdle;
      const rssIdle = monitor.rssBytes();
      const inFlight = (await monitor.health()).sagas;
      ctx.say(`idle: ${idle.percent}% of one core over ${idle.seconds} s (busiest second ${idle.maxSecondPercent}%); by thread ${JSON.stringify(idle.byThread)}`);

      const windowEnd = windowStart + WINDOW_MS;
      await sleep(windowStart - Date.now());
      const windowFromUs = monotonicUs();
      const expiring = await measureCpu(monitor, windowEnd);
      const windowToUs = monotonicUs();
      await sleep(windowEnd + GRACE_MS - Date.now());
      const watchedUntil = Date.now();
      const delays = summarizeDelays(planned, watch.first, watchedUntil);
      ctx.say(`delays: ${JSON.stringify(delays)}`);

      watch.close();
      const disconnects = watch.disconnects();
      watch = null;
      await monitor.stop();
      let profile: { idle: ProfileSummary; expiring: ProfileSummary; file: string } | undefined;
      const file = profileDir ? newestProfile(profileDir) : null;
      if (file) {
        const p = readProfile(file);
        const slice = (fromUs: number, toUs: number) => summarizeProfile(p, { fromUs, toUs, root: ctx.root, top: PROFILE_TOP });
        profile = { file: path.relative(ctx.root, file), idle: slice(idleFromUs, idleToUs), expiring: slice(windowFromUs, windowToUs) };
        for (const [phase, sum] of [['idle', profile.idle], ['expiring', profile.expiring]] as const) {
          ctx.say(`profile ${phase} (${sum.totalMs} ms sampled, ${sum.idleMs} ms idle):\n${sum.top.map((f) => `  ${f.percent}% ${f.selfMs} ms ${f.frame}`).join('\n')}`);
        }
      }
      return {
        stuck: {
          inFlight,
          delayP99Ms: delays.p99Ms,
          cpuPercentIdle: idle.percent,
          cpuPercentIdleMaxSecond: idle.maxSecondPercent,
          idleSeconds: idle.seconds,
          cpuPercentIdleByThread: idle.byThread,
          cpuPercentExpiring: expiring.percent,
          cpuPercentExpiringByThread: expiring.byThread,
          delayP50Ms: delays.p50Ms,
          delayP95Ms: delays.p95Ms,
          delayMaxMs: delays.maxMs,
          sample: delays.sample,
          windowMs: WINDOW_MS,
          neverRaised: delays.neverRaised,
          raisedEarly: delays.raisedEarly,
          sinceMismatch: delays.sinceMismatch,
          unexpectedAlerts: delays.unexpected,
          alertsWhileIdle: raisedWhileIdle,
          socketDisconnects: disconnects,
          seededRecords: seeded.events,
          seedSeconds: round(seeded.seconds),
          catchUpSeconds: round(catchUpMs / 1000),
          rssBytesAtCatchUp: rssAtCatchUp,
          heapUsedBytesAtCatchUp: heapAtCatchUp,
          rssBytesIdle: rssIdle,
          ...(profile ? { profile } : {}),
        },
      };
    } finally {
      watch?.close();
      await monitor.stop();
    }
  },
};
