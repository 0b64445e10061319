import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemo, type Demo } from '../demo/demo-system';
import { DEMO_TOPICS } from '../demo/topics';
import { SagaDetail, SagaListResponse, StepDurationsResponse, type SagaSummary } from '../lib/wire/rest';
import { SagaBatch, SOCKET_PATH } from '../lib/wire/socket';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { createTopics } from '../testing/kafka/test-client';
import { pollUntil } from '../lib/poll-until';
import { demoConfig, uniquePrefix } from '../testing/monitor/test-config';

/**
 * Learned thresholds end to end: demo orders with fast shipping (20-80 ms) teach the monitor what shipping takes;
 * then shipping is made slow (3-3.5 s, below its 8 s timeout), and a saga waiting there must be flagged slow well
 * before its timeout, over the API and the live feed, and lose the flag when its reply arrives.
 */
const SLOW = { factor: 3, floorMs: 300, minSamples: 20 };
const SHIPPING_TIMEOUT_MS = 8_000;
const FAST = { minMs: 20, maxMs: 80 };
const SLOW_SHIPPING = { minMs: 3_000, maxMs: 3_500 };
/** A flag is raised by the 100 ms tick and read by 100 ms polls; on two shared cores allow a couple of seconds. */
const FLAG_SLACK_MS = 2_000;
const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('slow-steps');
const RUN_TAG = `ss${Date.now().toString(36).slice(-5)}`;

let monitor: Monitor;
let demo: Demo;
let socket: Socket;
/** Every saga summary the live feed pushed, with when it arrived. */
const pushed: Array<{ item: SagaSummary; at: number }> = [];

async function get<T>(path: string, schema: { parse: (x: unknown) => T }): Promise<T> {
  const res = await fetch(`${monitor.url}${path}`);
  expect(res.status).toBe(200);
  return schema.parse(await res.json());
}

const shipping = async () => (await get('/api/step-durations', StepDurationsResponse)).items.find((i) => i.sagaType === 'order-fulfilment' && i.step === 'shipping')!;

beforeAll(async () => {
  await createTopics(brokers, DEMO_TOPICS.map((t) => `${PREFIX}${t}`));
  const config = demoConfig(brokers, PREFIX, (c) => {
    c.slowSteps = SLOW;
    for (const r of c.sagas.find((s) => s.type === 'order-fulfilment')!.rules) if (r.step === 'shipping' && r.timeoutMs) r.timeoutMs = SHIPPING_TIMEOUT_MS;
  });
  monitor = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger });
  socket = connect(monitor.url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false });
  socket.on('sagas', (m) => {
    for (const item of SagaBatch.parse(m).items) pushed.push({ item, at: Date.now() });
  });
  await pollUntil('socket connected', () => socket.connected, 10_000);
  demo = await startDemo({
    brokers: brokers.split(','),
    topicPrefix: PREFIX,
    runTag: RUN_TAG,
    sagaTypes: ['order-fulfilment'],
    ratePerSecond: 4,
    latency: FAST,
    failureRate: 0,
    stuckRate: 0,
    seed: 7,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  socket?.close();
  await demo?.stop();
  await monitor?.close();
});

describe('learned step thresholds on a real broker', () => {
  it('flags a saga waiting at a step far past its learned p99 before the hard timeout, and clears it on the reply', async () => {
    const learned = await pollUntil('20 shipping completions learned', async () => {
      const s = await shipping();
      return s.samples >= SLOW.minSamples ? s : undefined;
    }, 45_000);
    expect(learned.p99Ms).not.toBeNull();
    expect(learned.p99Ms!).toBeLessThan(SLOW_SHIPPING.minMs / SLOW.factor);
    expect(learned.slowAfterMs).toBe(Math.max(SLOW.floorMs, Math.ceil(SLOW.factor * learned.p99Ms!)));

    demo.setLatency('shipping', SLOW_SHIPPING);
    const first = await pollUntil('a saga flagged slow at shipping', async () => {
      const list = await get('/api/sagas?type=order-fulfilment&step=shipping&limit=1000', SagaListResponse);
      return list.items.find((s) => s.slow);
    }, 15_000);
    const seenAt = Date.now();
    const after = await shipping();
    const slow = first.slow!;
    expect(first.status).toBe('in_progress');
    expect(slow).toMatchObject({ step: 'shipping', factor: SLOW.factor });
    // The figures are the ones learned from fast shipping: between the snapshot before the change and the one after,
    // which differ at most by replies that were already on their way.
    expect(slow.samples).toBeGreaterThanOrEqual(learned.samples);
    expect(slow.samples).toBeLessThanOrEqual(after.samples);
    expect(slow.p99Ms).toBeGreaterThanOrEqual(Math.min(learned.p99Ms!, after.p99Ms!));
    expect(slow.p99Ms).toBeLessThanOrEqual(Math.max(learned.p99Ms!, after.p99Ms!));
    expect(slow.p50Ms).toBeLessThanOrEqual(slow.p99Ms);
    expect(slow.thresholdMs).toBe(Math.max(SLOW.floorMs, Math.ceil(SLOW.factor * slow.p99Ms)));

    const detail = await get(`/api/sagas/${encodeURIComponent(first.id)}`, SagaDetail);
    const step = detail.steps.find((s) => s.name === 'shipping')!;
    expect(step.timeoutMs).toBe(SHIPPING_TIMEOUT_MS);
    expect(slow.since).toBe(step.startedAt! + slow.thresholdMs);
    expect(slow.since).toBeLessThan(step.startedAt! + SHIPPING_TIMEOUT_MS);
    expect(seenAt - slow.since).toBeLessThanOrEqual(FLAG_SLACK_MS);
    expect(detail.slow).toEqual(slow);
    await pollUntil('the live feed pushed the flag', () => pushed.some((p) => p.item.id === first.id && p.item.slow?.step === 'shipping'), 5_000);

    const cleared = await pollUntil('the shipping reply read', async () => {
      const d = await get(`/api/sagas/${encodeURIComponent(first.id)}`, SagaDetail);
      return d.steps.find((s) => s.name === 'shipping')!.status === 'completed' ? d : undefined;
    }, 10_000);
    expect(cleared.slow).toBeNull();
    expect(cleared.status).not.toBe('stuck');
    const flaggedPush = pushed.findIndex((p) => p.item.id === first.id && p.item.slow);
    await pollUntil('the live feed pushed the cleared flag', () => pushed.slice(flaggedPush + 1).some((p) => p.item.id === first.id && p.item.slow === null), 5_000);
  });
});
