import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemo, type Demo } from '../demo/demo-system';
import type { StepName } from '../demo/event-catalog';
import type { ForceOutcome, Outcome } from '../demo/outcome';
import { makeSagaId } from '../demo/saga-id';
import { SagaDetail, SagaListResponse, type SagaStatus } from '../lib/wire/rest';
import { AlertBatch, SagaBatch, SOCKET_PATH, StuckAlert } from '../lib/wire/socket';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { pollUntil } from '../lib/poll-until';
import { demoConfig, uniquePrefix } from '../testing/monitor/test-config';

/**
 * Demo traffic in, API and socket.io out. Outcomes are pinned per saga ordinal so every status is expected; the
 * thresholds are shortened so stuck sagas show within seconds.
 */
const SAGAS = 18;
const STEP_TIMEOUT_MS = 3_000;
const STUCK_AFTER_MS = 4_000;
/** The acceptance bound: a stuck saga shows within its threshold plus this. */
const STUCK_SLACK_MS = 2_000;
const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('monitor-demo');
const RUN_TAG = `md${Date.now().toString(36).slice(-5)}`;

type Type = 'order-fulfilment' | 'trip-booking';
const PINS: Record<Type, Record<number, [StepName, Outcome, SagaStatus]>> = {
  'order-fulfilment': { 1: ['payment', 'fail', 'failed'], 2: ['shipping', 'fail', 'compensated'], 3: ['inventory', 'drop', 'stuck'] },
  'trip-booking': { 1: ['car', 'fail', 'compensated'], 2: ['hotel', 'drop', 'stuck'], 3: ['flight', 'fail', 'failed'] },
};
const pinOf = (type: Type, n: number) => PINS[type][n % 6];
const force: ForceOutcome = (c) => {
  if (c.ordinal === null) return 'ok';
  const pin = pinOf(c.sagaType, c.ordinal);
  return pin && c.phase === 'action' && c.step === pin[0] ? pin[1] : 'ok';
};
const expected = (type: Type, n: number): SagaStatus => pinOf(type, n)?.[2] ?? 'completed';
const all = (['order-fulfilment', 'trip-booking'] as const).flatMap((type) =>
  Array.from({ length: SAGAS }, (_, i) => ({ type, n: i + 1, id: makeSagaId(type, RUN_TAG, i + 1) })),
);

let monitor: Monitor;
let demo: Demo;
let socket: Socket;
const batches: SagaBatch[] = [];
const alerts: Array<{ alert: StuckAlert; receivedAt: number }> = [];
const resolved: string[] = [];
const resolvedAt = new Map<string, number[]>();
let disconnects = 0;

async function get<T>(path: string, schema: { parse: (x: unknown) => T }): Promise<T> {
  const res = await fetch(`${monitor.url}${path}`);
  expect(res.status).toBe(200);
  return schema.parse(await res.json());
}

beforeAll(async () => {
  const config = demoConfig(brokers, PREFIX, (c) => {
    for (const s of c.sagas) {
      s.stuckAfterMs = STUCK_AFTER_MS;
      for (const r of s.rules) {
        if (r.timeoutMs) r.timeoutMs = STEP_TIMEOUT_MS;
        if (r.triggers?.timeoutMs) r.triggers.timeoutMs = STEP_TIMEOUT_MS;
      }
    }
  });
  monitor = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger });
  socket = connect(monitor.url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false });
  socket.on('sagas', (m) => batches.push(SagaBatch.parse(m)));
  socket.on('alerts', (m) => {
    const b = AlertBatch.parse(m);
    for (const alert of b.raised) alerts.push({ alert, receivedAt: Date.now() });
    resolved.push(...b.resolved);
    for (const id of b.resolved) resolvedAt.set(id, [...(resolvedAt.get(id) ?? []), Date.now()]);
  });
  socket.on('disconnect', () => (disconnects += 1));
  await pollUntil('socket connected', () => socket.connected, 10_000);
  demo = await startDemo({
    brokers: brokers.split(','),
    topicPrefix: PREFIX,
    runTag: RUN_TAG,
    seed: 11,
    maxSagas: SAGAS,
    ratePerSecond: 10,
    latency: { minMs: 5, maxMs: 40 },
    forceOutcome: force,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  socket?.close();
  await demo?.stop();
  await monitor?.close();
});

describe('monitor with demo traffic on a real broker', () => {
  it('brings every saga to the status its pinned outcome implies', async () => {
    const wrong = await pollUntil(
      'every saga at its expected status',
      async () => {
        const mismatches = all.filter(({ type, n, id }) => monitor.store.summary(id)?.status !== expected(type, n));
        return mismatches.length === 0 ? [] : undefined;
      },
      60_000,
    ).catch((e: Error) => {
      const detail = all
        .map(({ type, n, id }) => `${id}: want ${expected(type, n)}, got ${monitor.store.summary(id)?.status ?? 'nothing'}`)
        .filter((l) => !l.endsWith(l.split('want ')[1].split(',')[0]));
      throw new Error(`${e.message}\n${detail.join('\n')}`);
    });
    expect(wrong).toEqual([]);

    const list = await get(`/api/sagas?limit=1000&q=${encodeURIComponent('ord-')}`, SagaListResponse);
    expect(list.items.filter((s) => s.id.includes(RUN_TAG))).toHaveLength(SAGAS);
    const stuckOnly = await get('/api/sagas?status=stuck', SagaListResponse);
    expect(stuckOnly.items.map((s) => s.id).sort()).toEqual(all.filter(({ type, n }) => expected(type, n) === 'stuck').map((x) => x.id).sort());
  });

  it('shows compensations in the drill-down of a compensated order', async () => {
    const id = all.find(({ type, n }) => type === 'order-fulfilment' && expected(type, n) === 'compensated')!.id;
    const d = await get(`/api/sagas/${id}`, SagaDetail);
    expect(d.steps.map((s) => [s.name, s.status])).toEqual([
      ['payment', 'compensated'],
      ['inventory', 'compensated'],
      ['shipping', 'failed'],
    ]);
    const types = d.events.map((e) => e.eventType);
    expect(types.indexOf('ReleaseInventory')).toBeLessThan(types.indexOf('RefundPayment'));
    expect(types).toContain('OrderFailed');
    expect(types).toContain('OrderStatusChanged');
    expect(d.events.find((e) => e.eventType === 'OrderStatusChanged')!.effect).toBe('observed');
    expect(d.durationMs).toBeGreaterThan(0);
  });

  it('raises a stuck alert for each dropped saga within its threshold + 2 s, naming the step and what it waits for', async () => {
    const stuck = all.filter(({ type, n }) => expected(type, n) === 'stuck');
    await pollUntil('alerts for every stuck saga', () => stuck.every(({ id }) => alerts.some((a) => a.alert.sagaId === id)), 30_000);
    for (const { type, n, id } of stuck) {
      // The first raise of its final stuck period is judged for timing; the latest for what it says, since a record
      // read late (topics are read independently) refreshes the reason of a saga that stays stuck.
      const mine = alerts.filter((a) => a.alert.sagaId === id);
      const { alert } = mine[mine.length - 1];
      const lastResolved = Math.max(0, ...(resolvedAt.get(id) ?? []));
      const first = mine.find((a) => a.receivedAt >= lastResolved)!;
      const d = await get(`/api/sagas/${id}`, SagaDetail);
      const lastEventAt = Math.max(...d.events.map((e) => e.timestamp));
      expect(alert.thresholdMs).toBe(STEP_TIMEOUT_MS);
      expect(first.receivedAt).toBeGreaterThanOrEqual(first.alert.since);
      expect(first.receivedAt - first.alert.since).toBeLessThanOrEqual(STUCK_SLACK_MS);
      expect(alert.since).toBe(lastEventAt + STEP_TIMEOUT_MS);
      expect(d.stuck!.since).toBe(lastEventAt + STEP_TIMEOUT_MS);
      expect(alert.step).toBe(pinOf(type, n)[0]);
      expect(d.stuck).toMatchObject({ step: pinOf(type, n)[0] });
      expect(d.stuck!.waitingFor.length).toBeGreaterThan(0);
      expect(alert.reason).toMatch(/waiting for/);
    }
    // A slow moment of the demo may make other sagas stuck for a while; the dropped ones must stay stuck.
    expect(resolved.filter((id) => stuck.some((x) => x.id === id))).toEqual([]);
  });

  it('pushes batched updates over a websocket that stays open', async () => {
    const records = Object.values(demo.stats().produced).reduce((a, b) => a + b, 0);
    const items = batches.reduce((n, b) => n + b.items.length, 0);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(records);
    expect(batches.some((b) => b.items.length > 1)).toBe(true);
    expect(items).toBeLessThanOrEqual(records);
    batches.forEach((b, i) => i > 0 && expect(b.seq).toBe(batches[i - 1].seq + 1));
    expect(socket.io.engine.transport.name).toBe('websocket');
    expect(socket.connected).toBe(true);
    expect(disconnects).toBe(0);
  });

  it('refuses a socket.io connection from a foreign origin', async () => {
    const foreign = connect(monitor.url, { path: SOCKET_PATH, transports: ['polling'], reconnection: false, extraHeaders: { origin: 'http://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      foreign.on('connect', () => resolve('connected'));
      foreign.on('connect_error', (e) => resolve(`refused: ${e.message}`));
    });
    foreign.close();
    expect(outcome).toMatch(/^refused/);
  });
});
