import { pollUntil } from '../../lib/poll-until';
import { MAX_FINISHED_WITH_DETAIL } from '../../server/store/saga-store';
import { backlogWorkload } from '../backlog';
import { envInt } from '../../testing/env-int';
import { growthBetween, type MemoryPoint } from '../memory-growth';
import { measureAfterGc, memoryProbeSetup, type Usage } from '../memory-probe';
import { startMonitorProcess, type MonitorProcess } from '../../testing/monitor/monitor-process';
import type { Scenario } from '../scenario';
import { round } from '../stats';
import { takeSagas } from '../take-sagas';
import { RECORDS_PER_SAGA, sagas, seed } from '../../testing/workload/volume';

/** The figure; BENCH_MEMORY_SAGAS overrides it for quicker runs. */
const SAGAS = envInt('BENCH_MEMORY_SAGAS', 200_000);
/** Finished sagas added past the first measurement, all beyond the detail cap; BENCH_MEMORY_MORE_SAGAS overrides. */
const MORE_SAGAS = envInt('BENCH_MEMORY_MORE_SAGAS', 100_000);
/** Bounds a broken run; 1.5M records take a few minutes on this box. */
const CATCH_UP_TIMEOUT_MS = 20 * 60_000;
const PROGRESS_EVERY_MS = 10_000;
const HOLD_POLL_MS = 500;

async function waitHolding(m: MonitorProcess, sagaCount: number, say: (l: string) => void): Promise<number> {
  let lastSay = Date.now();
  return pollUntil(
    `the monitor to hold ${sagaCount} sagas`,
    async () => {
      const h = await m.health();
      if (h.sagas >= sagaCount) return h.sagas;
      if (Date.now() - lastSay > PROGRESS_EVERY_MS) {
        lastSay = Date.now();
        say(`${h.sagas.toLocaleString('en-US')} of ${sagaCount.toLocaleString('en-US')} sagas held`);
      }
      throw new Error(`it holds ${h.sagas}`);
    },
    CATCH_UP_TIMEOUT_MS,
    HOLD_POLL_MS,
  );
}

function point(sagaCount: number, u: Usage): MemoryPoint {
  return { sagas: sagaCount, rssBytes: u.rss, heapUsedBytes: u.heapUsed };
}

const mib = (b: number) => `${round(b / 2 ** 20, 0)} MiB`;

/**
 * Memory with every saga held: SAGAS demo sagas seeded, the monitor caught up from the beginning, then a full garbage
 * collection (a bench-only preload, see memory-gc-hook.ts) and process.memoryUsage(). Then MORE_SAGAS completed
 * sagas arrive live, all past the finished-with-detail cap, and the same measurement gives the growth per saga.
 */
export const scenario: Scenario = {
  name: 'memory',
  summary: `RSS and heap holding ${SAGAS.toLocaleString('en-US')} sagas after catch-up, then growth per saga with ${MORE_SAGAS.toLocaleString('en-US')} more finished ones past the detail cap`,
  needsKafka: true,
  async run(ctx) {
    const brokers = ctx.kafka!.brokers;
    const first = backlogWorkload('memory', SAGAS * RECORDS_PER_SAGA);
    const seeded = await seed(brokers, Number.POSITIVE_INFINITY, first, ctx.say, takeSagas(sagas(first), SAGAS));
    ctx.say(`seeded ${seeded.sagas.toLocaleString('en-US')} sagas, ${seeded.events.toLocaleString('en-US')} records in ${round(seeded.seconds)} s`);
    const probe = memoryProbeSetup();
    const startedAt = Date.now();
    const monitor = await startMonitorProcess({ brokers, nodeArgs: probe.nodeArgs, env: probe.env });
    try {
      const caught = await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS);
      const catchUpSeconds = round((Date.now() - startedAt) / 1000);
      const held = await waitHolding(monitor, seeded.sagas, ctx.say);
      const rssBeforeGc = monitor.rssBytes();
      const heapBeforeGc = (await monitor.health()).process.heapUsedBytes;
      const atCatchUp = await measureAfterGc(monitor, probe.file);
      ctx.say(`${held.toLocaleString('en-US')} sagas: rss ${mib(atCatchUp.rss)}, heap ${mib(atCatchUp.heapUsed)} after a full collection (before: rss ${mib(rssBeforeGc)}, heap ${mib(heapBeforeGc)})`);

      const second = { ...backlogWorkload('memorymore', MORE_SAGAS * RECORDS_PER_SAGA), seed: 'bench-memory-more' };
      const more = await seed(brokers, Number.POSITIVE_INFINITY, second, ctx.say, takeSagas(sagas(second), MORE_SAGAS, (s) => s.outcome === 'completed'));
      const heldMore = await waitHolding(monitor, held + more.sagas, ctx.say);
      const pastCap = await measureAfterGc(monitor, probe.file);
      ctx.say(`${heldMore.toLocaleString('en-US')} sagas: rss ${mib(pastCap.rss)}, heap ${mib(pastCap.heapUsed)}`);
      const growth = growthBetween(point(held, atCatchUp), point(heldMore, pastCap));
      return {
        memory: {
          sagas: held,
          rssBytes: atCatchUp.rss,
          heapUsedBytes: atCatchUp.heapUsed,
          bytesPerSaga: Math.round(atCatchUp.rss / held),
          heapBytesPerSaga: Math.round(atCatchUp.heapUsed / held),
          method: 'process.memoryUsage() in the monitor right after a full GC (bench-only preload, --expose-gc), after catch-up; bytesPerSaga = rss / sagas',
          records: seeded.events,
          byOutcome: seeded.byOutcome,
          catchUpSeconds,
          catchUpDoneAt: caught.catchUp.doneAt,
          rssBytesBeforeGc: rssBeforeGc,
          heapUsedBytesBeforeGc: heapBeforeGc,
          heapTotalBytes: atCatchUp.heapTotal,
          externalBytes: atCatchUp.external,
          detailCap: MAX_FINISHED_WITH_DETAIL,
          pastCap: { sagas: heldMore, rssBytes: pastCap.rss, heapUsedBytes: pastCap.heapUsed, addedOutcome: 'completed', ...growth },
        },
      };
    } finally {
      await monitor.stop();
    }
  },
};
