import { summarizeBacklog, type BacklogSummary, type LagSample } from './latency-backlog';
import { watchFeed, type FeedCounts } from './latency-client';
import { startLiveProducer, type LiveProducerResult } from './latency-producer';
import { LatencyTracker, type LatencySummary } from './latency-tracker';
import type { MonitorProcess } from '../testing/monitor/monitor-process';
import { round } from './stats';

/** Lag is sampled this often from /api/health: enough points for a slope, little load on the monitor. */
const LAG_SAMPLE_MS = 1_000;
/** After the producer stops, the monitor gets this long to consume what was acknowledged. */
const DRAIN_TIMEOUT_MS = 30_000;
/** Then the feed gets a few flush intervals to push the last updates. */
const FEED_GRACE_MS = 1_000;
const DRAIN_POLL_MS = 100;

export interface PhaseResult {
  rate: number;
  latency: LatencySummary;
  producer: LiveProducerResult;
  backlog: BacklogSummary;
  /** Lag when the producer stopped, and how long the monitor took to consume it. */
  lagAtStop: number;
  drainMs: number;
  feed: FeedCounts;
  /** CPU of the monitor process over the producing window, % of one core. */
  monitorCpuPercent: number;
  /** The producing window on process.hrtime's clock (µs), to cut it out of a .cpuprofile. */
  fromUs: number;
  toUs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const hrUs = () => Number(process.hrtime.bigint() / 1000n);

/** One rate: a dashboard client connects, the producer runs for `seconds`, then the monitor drains. */
export async function runLatencyPhase(o: {
  monitor: MonitorProcess;
  brokers: string;
  rate: number;
  seconds: number;
  runTag: string;
}): Promise<PhaseResult> {
  const tracker = new LatencyTracker();
  const feed = await watchFeed(o.monitor.url, (id, n, at) => tracker.received(id, n, at));
  const consumed0 = (await o.monitor.health()).consumed;
  const producer = await startLiveProducer({
    brokers: o.brokers,
    ratePerSec: o.rate,
    runTag: o.runTag,
    seed: `bench-latency-${o.rate}`,
    onSent: (r) => tracker.sentRecord(r.sagaId, r.at),
  });
  const started = Date.now();
  const fromUs = hrUs();
  const cpu0 = o.monitor.cpuMs();
  const samples: LagSample[] = [];
  const end = started + o.seconds * 1_000;
  let produced: LiveProducerResult;
  try {
    while (Date.now() < end) {
      await sleep(Math.min(LAG_SAMPLE_MS, end - Date.now()));
      const h = await o.monitor.health();
      samples.push({ t: Date.now() - started, lag: producer.acked() - (h.consumed - consumed0) });
    }
  } finally {
    produced = await producer.stop();
  }
  const toUs = hrUs();
  const monitorCpuPercent = round(((o.monitor.cpuMs() - cpu0) / (Date.now() - started)) * 100, 1);
  const stoppedAt = Date.now();
  let consumed = (await o.monitor.health()).consumed - consumed0;
  const lagAtStop = produced.acked - consumed;
  while (consumed < produced.acked && Date.now() - stoppedAt < DRAIN_TIMEOUT_MS) {
    await sleep(DRAIN_POLL_MS);
    consumed = (await o.monitor.health()).consumed - consumed0;
  }
  const drainMs = Date.now() - stoppedAt;
  await sleep(FEED_GRACE_MS);
  feed.close();
  return {
    rate: o.rate,
    latency: tracker.summary(),
    producer: produced,
    backlog: summarizeBacklog(samples, o.rate),
    lagAtStop,
    drainMs,
    feed: feed.counts(),
    monitorCpuPercent,
    fromUs,
    toUs,
  };
}
