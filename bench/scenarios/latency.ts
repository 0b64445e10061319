import { envInt } from '../../testing/env-int';
import { runLatencyPhase, type PhaseResult } from '../latency-phase';
import { startMonitorProcess } from '../../testing/monitor/monitor-process';
import { cpuProfArgs, newestProfile, profileDirFor } from '../profile-files';
import { readProfile, summarizeProfile, type ProfileSummary } from '../profile-summary';
import type { Latency } from '../results';
import type { Scenario } from '../scenario';
import { createBenchTopics } from '../../testing/workload/volume';
import { newRunTag } from '../../demo/saga-id';

/** The issue's rates, lowest first, so a monitor that falls behind at one rate does not spoil the lower ones. */
const DEFAULT_RATES = [1_000, 5_000, 10_000];
/**
 * Overrides for iterating: BENCH_LATENCY_SECONDS (per rate), BENCH_LATENCY_RATES (comma-separated events/s).
 */
const SECONDS = envInt('BENCH_LATENCY_SECONDS', 30);
const RATES = process.env.BENCH_LATENCY_RATES ? process.env.BENCH_LATENCY_RATES.split(',').map((r) => envInt('rate', 0, { rate: r })) : DEFAULT_RATES;
/**
 * A phase at the lowest rate before the measured ones, not recorded: right after its start the broker acknowledges
 * slowly (produce p99 150-250 ms in the first 30 s against 20 ms later) and the monitor's code is not yet optimised,
 * which the first measured rate used to carry (p99 about 500 ms at 1,000 events/s, 110 ms once warm).
 * BENCH_LATENCY_WARMUP_SECONDS=0 leaves it out.
 */
const WARMUP_SECONDS = process.env.BENCH_LATENCY_WARMUP_SECONDS === '0' ? 0 : envInt('BENCH_LATENCY_WARMUP_SECONDS', 15);
/** An empty store catches up at once; this only bounds a broken start. */
const CATCH_UP_TIMEOUT_MS = 120_000;
const PROFILE_TOP = 12;
/** Enough of the monitor's stderr to show why it ended (a V8 heap report is about this long). */
const STDERR_TAIL_CHARS = 4_000;

function toLatency(p: PhaseResult, profile: ProfileSummary | undefined): Latency {
  return {
    p50: p.latency.p50,
    p95: p.latency.p95,
    p99: p.latency.p99,
    max: p.latency.max,
    records: p.latency.records,
    carried: p.latency.carried,
    notCarried: p.latency.notCarried,
    achievedPerSec: p.producer.achievedPerSec,
    producerSkippedTicks: p.producer.skippedTicks,
    producerFailed: p.producer.failed,
    producerAckP50Ms: p.producer.ackP50Ms,
    producerAckP99Ms: p.producer.ackP99Ms,
    lagAtStart: p.backlog.lagAtStart,
    lagAtEnd: p.backlog.lagAtEnd,
    lagSlopePerSec: p.backlog.slopePerSec,
    noGrowingBacklog: p.backlog.noGrowingBacklog,
    lagAtStop: p.lagAtStop,
    drainMs: p.drainMs,
    monitorCpuPercent: p.monitorCpuPercent,
    feed: p.feed,
    ...(profile ? { profileTop: profile } : {}),
  };
}

/**
 * Live latency: the monitor follows empty topics, then for each rate a producer sends the demo's saga mix for
 * SECONDS, stamping each record with its send time, while a socket.io client (a dashboard) notes when the update
 * carrying each record arrives. Lag (acknowledged minus consumed) is sampled each second.
 */
export const scenario: Scenario = {
  name: 'latency',
  summary: `records produced live at ${RATES.map((r) => r.toLocaleString('en-US')).join(', ')} events/s for ${SECONDS} s each: record timestamp to receipt of its socket.io update`,
  needsKafka: true,
  async run(ctx) {
    const brokers = ctx.kafka!.brokers;
    await createBenchTopics(brokers);
    const profileDir = ctx.profile ? profileDirFor(ctx.profileDir, 'latency-monitor') : null;
    const monitor = await startMonitorProcess({ brokers, nodeArgs: profileDir ? cpuProfArgs(profileDir) : [] });
    let stderrTail = '';
    const keepTail = (d: Buffer) => (stderrTail = (stderrTail + d.toString('utf8')).slice(-STDERR_TAIL_CHARS));
    monitor.child.stderr!.on('data', keepTail);
    monitor.child.stdout!.on('data', keepTail);
    monitor.child.once('exit', (code, signal) => ctx.say(`the monitor exited (code ${code}, signal ${signal}); its output ends:\n${stderrTail}`));
    const phases: PhaseResult[] = [];
    try {
      await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS);
      const runTag = newRunTag();
      if (WARMUP_SECONDS > 0) {
        ctx.say(`warm-up, not recorded: ${RATES[0].toLocaleString('en-US')} events/s for ${WARMUP_SECONDS} s`);
        await runLatencyPhase({ monitor, brokers, rate: RATES[0], seconds: WARMUP_SECONDS, runTag: `${runTag}w` });
      }
      for (const [i, rate] of RATES.entries()) {
        ctx.say(`${rate.toLocaleString('en-US')} events/s for ${SECONDS} s`);
        // Each rate has sagas of its own: a saga cut off when its phase ends stays behind, in flight.
        const p = await runLatencyPhase({ monitor, brokers, rate, seconds: SECONDS, runTag: `${runTag}${i}` });
        phases.push(p);
        ctx.say(
          `${rate}: p50 ${p.latency.p50} p95 ${p.latency.p95} p99 ${p.latency.p99} ms; achieved ${p.producer.achievedPerSec}/s, ack p50/p99 ${p.producer.ackP50Ms}/${p.producer.ackP99Ms} ms; ` +
            `lag ${p.backlog.lagAtStart} -> ${p.backlog.lagAtEnd}; not carried ${p.latency.notCarried}; monitor cpu ${p.monitorCpuPercent}%; feed ${JSON.stringify(p.feed)}`,
        );
      }
    } finally {
      await monitor.stop();
    }
    const file = profileDir ? newestProfile(profileDir) : null;
    const profile = file ? readProfile(file) : null;
    const latency: Record<string, Latency> = {};
    for (const p of phases) {
      const top = profile ? summarizeProfile(profile, { fromUs: p.fromUs, toUs: p.toUs, root: ctx.root, top: PROFILE_TOP }) : undefined;
      if (top) ctx.say(`profile at ${p.rate}/s:\n${top.top.map((f) => `  ${f.percent}% ${f.selfMs} ms ${f.frame}`).join('\n')}`);
      latency[String(p.rate)] = toLatency(p, top);
    }
    return { latency };
  },
};
