import path from 'node:path';
import { newRunTag } from '../../demo/saga-id';
import { backlogWorkload } from '../backlog';
import { summarizeLongTasks } from '../browser-long-tasks';
import { assertChromium, launchBrowser, longTasks, newInstrumentedPage, pageNow, timeFirstRows, waitUntilLive } from '../browser-page';
import { startBrowserProfiling, type BrowserProfiling } from '../browser-profile';
import { envInt } from '../../testing/env-int';
import { startLiveProducer } from '../latency-producer';
import { startMonitorProcess } from '../../testing/monitor/monitor-process';
import { profileDirFor } from '../profile-files';
import { summarizeProfile, type ProfileSummary } from '../profile-summary';
import type { Scenario } from '../scenario';
import { round } from '../stats';
import { takeSagas } from '../take-sagas';
import { RECORDS_PER_SAGA, sagas, seed } from '../../testing/workload/volume';

/** The issue's figures; BENCH_BROWSER_SAGAS, BENCH_BROWSER_RATE and BENCH_BROWSER_SECONDS override them. */
const SAGAS = envInt('BENCH_BROWSER_SAGAS', 100_000);
const RATE = envInt('BENCH_BROWSER_RATE', 5_000);
const SECONDS = envInt('BENCH_BROWSER_SECONDS', 30);
const CATCH_UP_TIMEOUT_MS = 15 * 60_000;
/** After the producer stops, long tasks of the last flushes are still being reported. */
const SETTLE_MS = 2_000;
const PROFILE_TOP = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The dashboard in Chromium: SAGAS sagas seeded and caught up; a first navigation warms the server (Next loads a
 * route's code on its first request), then a fresh browser context (cold cache) is timed from navigation to the first
 * saga row visible. On that page, RATE events/s arrive for SECONDS while PerformanceObserver('longtask') records
 * every main-thread task over 50 ms.
 */
export const scenario: Scenario = {
  name: 'browser',
  summary: `Chromium with ${SAGAS.toLocaleString('en-US')} sagas: navigation to first rows, then long tasks during ${SECONDS} s of ${RATE.toLocaleString('en-US')} events/s`,
  needsKafka: true,
  async run(ctx) {
    assertChromium();
    const brokers = ctx.kafka!.brokers;
    const o = backlogWorkload('browser', SAGAS * RECORDS_PER_SAGA);
    const seeded = await seed(brokers, Number.POSITIVE_INFINITY, o, ctx.say, takeSagas(sagas(o), SAGAS));
    ctx.say(`seeded ${seeded.sagas.toLocaleString('en-US')} sagas, ${seeded.events.toLocaleString('en-US')} records in ${round(seeded.seconds)} s`);
    const monitor = await startMonitorProcess({ brokers });
    let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
    try {
      browser = await launchBrowser();
      const caught = await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS);
      ctx.say(`caught up: ${caught.sagas.toLocaleString('en-US')} sagas`);

      const profileDir = ctx.profile ? profileDirFor(ctx.profileDir, 'browser') : null;
      // The warm-up view is the one profiled, so the timed one runs unobserved.
      const warm = await newInstrumentedPage(browser);
      const loadProfiling = profileDir ? await startBrowserProfiling(browser, warm.page, profileDir, 'load') : null;
      const coldServer = await timeFirstRows(warm.page, monitor.url);
      const loadProfile = loadProfiling ? await loadProfiling.stop() : null;
      await warm.context.close();
      const { context, page } = await newInstrumentedPage(browser);
      const first = await timeFirstRows(page, monitor.url);
      ctx.say(`first rows after ${first.firstRowsMs} ms (first cell in the DOM at ${round(first.firstCellInDomMs ?? Number.NaN)} ms; server's first page view: ${coldServer.firstRowsMs} ms)`);
      const loadTasks = summarizeLongTasks(await longTasks(page), 0, await pageNow(page));

      await waitUntilLive(page);
      const profiling: BrowserProfiling | null = profileDir ? await startBrowserProfiling(browser, page, profileDir, 'live') : null;
      const from = await pageNow(page);
      const producer = await startLiveProducer({ brokers, ratePerSec: RATE, runTag: newRunTag(), seed: 'bench-browser-live' });
      const cpu0 = monitor.cpuMs();
      await sleep(SECONDS * 1_000);
      const produced = await producer.stop();
      const monitorCpuPercent = round(((monitor.cpuMs() - cpu0) / (SECONDS * 1_000)) * 100, 1);
      const to = await pageNow(page);
      await sleep(SETTLE_MS);
      const live = summarizeLongTasks(await longTasks(page), from, to + SETTLE_MS);
      ctx.say(`live: ${produced.achievedPerSec} events/s achieved; long tasks ${JSON.stringify(live)}`);

      const profile: Record<string, { top: ProfileSummary; trace: string; cpuProfile: string }> = {};
      for (const [phase, p] of [['load', loadProfile], ['live', profiling ? await profiling.stop() : null]] as const) {
        if (!p) continue;
        const top = summarizeProfile(p.profile, { top: PROFILE_TOP });
        ctx.say(`page profile (${phase}):\n${top.top.map((f) => `  ${f.percent}% ${f.selfMs} ms ${f.frame}`).join('\n')}`);
        profile[phase] = { top, trace: path.relative(ctx.root, p.traceFile), cpuProfile: path.relative(ctx.root, p.cpuProfileFile) };
      }
      await context.close();
      return {
        browser: {
          sagas: caught.sagas,
          firstRowsMs: first.firstRowsMs,
          longTasksOver200ms: live.over200ms,
          longestTaskMs: live.longestMs,
          longTasksOver50ms: live.over50ms,
          method: 'fresh context (cold cache) after one warm-up page view; navigation start to the first "Saga list" data row visible (by role); long tasks from PerformanceObserver("longtask") while the producer runs',
          firstCellInDomMs: first.firstCellInDomMs === null ? null : round(first.firstCellInDomMs),
          navigation: { responseEndMs: round(first.responseEndMs), domContentLoadedMs: round(first.domContentLoadedMs), loadMs: round(first.loadMs) },
          firstRowsMsServerFirstView: coldServer.firstRowsMs,
          longTasksDuringLoad: loadTasks,
          live: { ...live, seconds: SECONDS, ratePerSec: RATE, achievedPerSec: produced.achievedPerSec, monitorCpuPercent },
          seededRecords: seeded.events,
          firstRowsApi: first.api,
          ...(profileDir ? { profile } : {}),
        },
      };
    } finally {
      // The monitor is stopped whatever failed, so no monitor outlives its scenario.
      await browser?.close();
      await monitor.stop();
    }
  },
};
