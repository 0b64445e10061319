import { backlogEvents, backlogWorkload } from '../backlog';
import { catchUpMonitor } from '../monitor-catchup';
import { cpuProfArgs, newestProfile, profileDirFor } from '../profile-files';
import { summarizeCatchUp, type WindowedSummary } from '../monitor-profile';
import { tsxSourceLines } from '../profile-source-lines';
import { formatSummary, readProfile, summarizeProfile, type ProfileSummary } from '../profile-summary';
import { runRawConsumer } from '../raw-consumer-run';
import type { Scenario } from '../scenario';
import { round } from '../stats';
import { seed } from '../../testing/workload/volume';

/** Frames listed per profile in the results. */
const PROFILE_TOP = 12;

const perSec = (events: number, fromMs: number, toMs: number) => Math.round(events / (Math.max(1, toMs - fromMs) / 1000));

/**
 * Seeds the backlog (BENCH_EVENTS overrides its size), then reads it twice from the beginning, each reader in a
 * process of its own: a bare kafkajs consumer that only counts, and the monitor as production runs it until
 * /api/health says caught up. Both are timed from their first record to their last (the headline) and from process
 * start to the end, which adds startup: Next's preparation and the group join for the monitor.
 */
export const scenario: Scenario = {
  name: 'catchup',
  summary: '1,000,000 saga events read from the beginning: raw kafkajs consumer vs the monitor rebuilding its state',
  needsKafka: true,
  async run(ctx) {
    const brokers = ctx.kafka!.brokers;
    const events = backlogEvents();
    ctx.say(`seeding ${events.toLocaleString('en-US')} events`);
    const seeded = await seed(brokers, events, backlogWorkload('catchup', events), ctx.say);
    ctx.say(`seeded ${seeded.events.toLocaleString('en-US')} events of ${seeded.sagas.toLocaleString('en-US')} sagas in ${round(seeded.seconds)} s`);

    const rawDir = ctx.profile ? profileDirFor(ctx.profileDir, 'catchup-raw') : null;
    ctx.say('raw kafkajs consumer reading everything');
    const raw = await runRawConsumer({ root: ctx.root, brokers, nodeArgs: rawDir ? cpuProfArgs(rawDir) : [] });
    const rawEventsPerSec = perSec(raw.events, raw.firstBatchAt, raw.doneAt);
    ctx.say(`raw: ${raw.events.toLocaleString('en-US')} events, ${rawEventsPerSec.toLocaleString('en-US')} events/s`);

    const monDir = ctx.profile ? profileDirFor(ctx.profileDir, 'catchup-monitor') : null;
    ctx.say('monitor rebuilding its state');
    const m = await catchUpMonitor({ root: ctx.root, brokers, nodeArgs: monDir ? cpuProfArgs(monDir) : [], say: ctx.say });
    const rssBytes = m.monitor.rssBytes();
    await m.monitor.stop();
    const monitorEvents = m.health.consumed;
    const monitorEventsPerSec = perSec(monitorEvents, m.firstRecordAt, m.doneAt);
    ctx.say(`monitor: ${monitorEvents.toLocaleString('en-US')} events, ${monitorEventsPerSec.toLocaleString('en-US')} events/s`);

    let profileTop: WindowedSummary | undefined;
    let rawProfileTop: ProfileSummary | undefined;
    const monFile = monDir ? newestProfile(monDir) : null;
    if (monFile) {
      profileTop = summarizeCatchUp(monFile, { clock: { fromUs: m.firstRecordHrUs, toUs: m.doneHrUs }, cpuMs: m.catchUpCpuMs, top: PROFILE_TOP, root: ctx.root });
      ctx.say(`monitor profile (catch-up window by ${profileTop.window}): ${monFile}\n${formatSummary(profileTop)}`);
    }
    const rawFile = rawDir ? newestProfile(rawDir) : null;
    if (rawFile) rawProfileTop = summarizeProfile(readProfile(rawFile), { top: PROFILE_TOP, root: ctx.root, sourceLine: tsxSourceLines() });

    const rawFromStart = perSec(raw.events, raw.spawnAt, raw.doneAt);
    const monitorFromStart = perSec(monitorEvents, m.spawnAt, m.doneAt);
    return {
      catchup: {
        events: monitorEvents,
        rawEventsPerSec,
        monitorEventsPerSec,
        ratio: round(monitorEventsPerSec / rawEventsPerSec, 3),
        method: 'events / (last offset reached - first record received), each reader in its own process; ratio = monitor / raw',
        rawEvents: raw.events,
        sagas: m.health.sagas,
        seeded: { events: seeded.events, sagas: seeded.sagas, bytes: seeded.bytes, seconds: round(seeded.seconds), byOutcome: seeded.byOutcome },
        raw: {
          seconds: round((raw.doneAt - raw.firstBatchAt) / 1000, 2),
          secondsFromProcessStart: round((raw.doneAt - raw.spawnAt) / 1000, 2),
          eventsPerSecFromProcessStart: rawFromStart,
          cpuMs: raw.cpuMs,
          batches: raw.batches,
          settings: raw.settings,
        },
        monitor: {
          seconds: round((m.doneAt - m.firstRecordAt) / 1000, 2),
          secondsFromProcessStart: round((m.doneAt - m.spawnAt) / 1000, 2),
          eventsPerSecFromProcessStart: monitorFromStart,
          cpuMs: Math.round(m.cpuMs),
          applied: m.health.applied,
          rejected: m.health.rejected.total,
          rssBytes,
          heapUsedBytes: m.health.process.heapUsedBytes,
        },
        ratioFromProcessStart: round(monitorFromStart / rawFromStart, 3),
        ...(profileTop ? { profileTop } : {}),
        ...(rawProfileTop ? { rawProfileTop } : {}),
      },
    };
  },
};
