import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemo, type Demo } from '../demo/demo-system';
import type { ForceOutcome } from '../demo/outcome';
import { makeSagaId } from '../demo/saga-id';
import { AUDIT_SIGNATURE_HEADER, RETRY_HEADERS, RetryAccepted, RetryPlanView } from '../lib/retry/retry-wire';
import { BulkRetryAnswer, HealthResponse, SagaDetail } from '../lib/wire/rest';
import type { MonitorConfig } from '../lib/config/schema';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { RETRIES_PER_WINDOW } from './retry/retry-routes';
import { pollUntil } from '../lib/poll-until';
import { produceOnce } from '../testing/kafka/produce-once';
import { readTopic } from '../testing/kafka/read-log';
import { demoConfig, TEST_AUDIT_KEY, uniquePrefix } from '../testing/monitor/test-config';

/** Retries on the real broker: the demo drops one order (command mode) and one trip (resend mode). */
const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('retry');
const RUN_TAG = `rt${Date.now().toString(36).slice(-5)}`;
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789';
const CAROL = 'carol-token-0123456789';
const OPERATORS = `alice:${ALICE},bob:${BOB},carol:${CAROL}`;
const stuckOrder = makeSagaId('order-fulfilment', RUN_TAG, 1);
const doneOrder = makeSagaId('order-fulfilment', RUN_TAG, 2);
const stuckTrip = makeSagaId('trip-booking', RUN_TAG, 1);
const force: ForceOutcome = (c) => {
  if (c.ordinal === 1 && c.phase === 'action' && c.step === (c.sagaType === 'order-fulfilment' ? 'inventory' : 'hotel')) return 'drop';
  return 'ok';
};

let config: MonitorConfig;
let monitor: Monitor;
let demo: Demo;

const start = () => startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger, operators: OPERATORS, auditKey: TEST_AUDIT_KEY });

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${monitor.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
async function detail(id: string) {
  return SagaDetail.parse(await (await fetch(`${monitor.url}/api/sagas/${id}`)).json());
}
const statusOf = async (id: string) => (await fetch(`${monitor.url}/api/sagas/${id}`)).status === 200 && (await detail(id)).status;

beforeAll(async () => {
  config = demoConfig(brokers, PREFIX, (c) => {
    c.auditTopic = `${PREFIX}saga-monitor.audit`;
    for (const s of c.sagas) {
      for (const r of s.rules) if (r.timeoutMs) r.timeoutMs = 2_000;
      for (const r of s.rules) if (r.triggers?.timeoutMs) r.triggers.timeoutMs = 2_000;
      if (s.retry?.mode === 'command') s.retry.topic = `${PREFIX}orders.retries`;
    }
  });
  monitor = await start();
  demo = await startDemo({ brokers: brokers.split(','), topicPrefix: PREFIX, runTag: RUN_TAG, maxSagas: 2, ratePerSecond: 5, latency: { minMs: 5, maxMs: 20 }, forceOutcome: force, log: () => {} });
  await pollUntil('dropped sagas stuck and the other order completed', async () =>
    (await statusOf(stuckOrder)) === 'stuck' && (await statusOf(stuckTrip)) === 'stuck' && (await statusOf(doneOrder)) === 'completed', 60_000);
}, 120_000);

afterAll(async () => {
  await demo?.stop();
  await monitor?.close();
});

describe('manual retries on a real broker', () => {
  it('refuses without an operator: 401 without or with a wrong token, 403 across sites', async () => {
    const none = await post(`/api/sagas/${stuckTrip}/retry`, {});
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toMatch(/sign in|Bearer/);
    expect((await post(`/api/sagas/${stuckTrip}/retry`, {}, bearer('wrong-token-0123456'))).status).toBe(401);
    expect((await post('/api/session', { token: 'wrong-token-0123456' })).status).toBe(401);
    const signIn = await post('/api/session', { token: BOB });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const cross = await post(`/api/sagas/${stuckTrip}/retry`, {}, { cookie, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('publishes exactly one record for 20 concurrent requests with one Idempotency-Key, and the trip completes', async () => {
    const plan = RetryPlanView.parse(await (await fetch(`${monitor.url}/api/sagas/${stuckTrip}/retry-plan`, { headers: bearer(ALICE) })).json());
    expect(plan).toMatchObject({ mode: 'resend', step: 'hotel' });
    const key = `k-${RUN_TAG}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(`/api/sagas/${stuckTrip}/retry`, {}, { ...bearer(ALICE), 'idempotency-key': key })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
    const bodies = await Promise.all(responses.map(async (r) => RetryAccepted.parse(await r.json())));
    expect(new Set(bodies.map((b) => `${b.retryId}@${b.partition}/${b.offset}`)).size).toBe(1);
    const retryId = `${stuckTrip}/alice/${key}`;
    expect(bodies[0]).toMatchObject({ retryId, topic: plan.topic });

    const onTopic = await readTopic(brokers, plan.topic);
    expect(onTopic.filter((m) => m.headers?.[RETRY_HEADERS.id]?.toString() === retryId)).toHaveLength(1);
    const copy = onTopic.find((m) => m.headers?.[RETRY_HEADERS.id]?.toString() === retryId)!;
    expect(copy.headers?.[RETRY_HEADERS.by]?.toString()).toBe('alice');
    expect(copy.headers?.[RETRY_HEADERS.of]?.toString()).toBe(plan.retryOf);
    expect(copy.value?.toString()).toBe(plan.value);

    await pollUntil('retried trip completed', async () => (await statusOf(stuckTrip)) === 'completed', 30_000);
    const d = await detail(stuckTrip);
    const retry = d.events.find((e) => e.effect === 'retry');
    expect(retry).toBeDefined();
    expect(JSON.parse(retry!.value!)).toMatchObject({ retryId, requestedBy: 'alice', step: 'hotel' });
    expect(d.steps.find((s) => s.name === 'hotel')).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('asks the orchestrator through a signed-in browser session (command mode), and the order completes', async () => {
    const signIn = await post('/api/session', { token: ALICE });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const host = new URL(monitor.url).host;
    const res = await post(`/api/sagas/${stuckOrder}/retry`, {}, { cookie, origin: `http://${host}` });
    expect(res.status).toBe(202);
    const accepted = RetryAccepted.parse(await res.json());
    expect(accepted.topic).toBe(`${PREFIX}orders.retries`);
    await pollUntil('retried order completed', async () => (await statusOf(stuckOrder)) === 'completed', 30_000);
    expect((await detail(stuckOrder)).steps.find((s) => s.name === 'inventory')).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('publishes nothing without an audit key, and says why on /health', async () => {
    const keyless = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger, operators: OPERATORS });
    try {
      const r = await fetch(`${keyless.url}/api/sagas/${stuckTrip}/retry`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(ALICE) }, body: '{}' });
      expect(r.status).toBe(409);
      expect(((await r.json()) as { error: string }).error).toMatch(/SAGA_MONITOR_AUDIT_KEY/);
      expect(keyless.health().retries).toMatchObject({ enabled: false, reason: expect.stringMatching(/no audit key/) });
    } finally {
      await keyless.close();
    }
  });

  it('answers 409 for a completed saga and 404 for an unknown one', async () => {
    const done = await post(`/api/sagas/${doneOrder}/retry`, {}, bearer(ALICE));
    expect(done.status).toBe(409);
    expect(((await done.json()) as { error: string }).error).toMatch(/completed saga cannot be retried/);
    expect((await post('/api/sagas/nope/retry', {}, bearer(ALICE))).status).toBe(404);
  });

  it("scopes an Idempotency-Key to its saga and operator: the trip's key on another saga is not the trip's retry", async () => {
    const key = `k-${RUN_TAG}`;
    const other = await post(`/api/sagas/${doneOrder}/retry`, {}, { ...bearer(ALICE), 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: string }).error).toMatch(/completed saga cannot be retried/);
    const carol = await post(`/api/sagas/${stuckTrip}/retry`, {}, { ...bearer(CAROL), 'idempotency-key': key });
    expect(carol.status).toBe(409);
  });

  it('bulk: validates the maximum and lists what a dry run would send', async () => {
    expect((await post('/api/retries', { max: 0 }, bearer(ALICE))).status).toBe(400);
    expect((await post('/api/retries', { max: 100_000 }, bearer(ALICE))).status).toBe(400);
    const dry = await post('/api/retries', { status: ['completed', 'stuck'], max: 2, dryRun: true }, bearer(ALICE));
    expect(dry.status).toBe(200);
    const body = BulkRetryAnswer.parse(await dry.json());
    expect(body.dryRun).toBe(true);
    expect(body.matched).toBeGreaterThanOrEqual(2);
    expect(body.items).toHaveLength(2);
    for (const item of body.items) expect('error' in item || 'plan' in item).toBe(true);
    // A filter without dryRun is refused: a bulk retry names the sagas its dry run showed.
    const filtered = await post('/api/retries', { status: ['stuck'], max: 2 }, bearer(ALICE));
    expect(filtered.status).toBe(400);
    expect(((await filtered.json()) as { error: string }).error).toMatch(/dryRun.*planId/);
  });

  it(`limits one operator to ${RETRIES_PER_WINDOW} retries a minute with 429`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RETRIES_PER_WINDOW; i++) statuses.push((await post(`/api/sagas/${doneOrder}/retry`, {}, bearer(BOB))).status);
    expect(statuses.slice(0, RETRIES_PER_WINDOW).every((s) => s === 409)).toBe(true);
    const last = statuses[RETRIES_PER_WINDOW];
    expect(last).toBe(429);
  });

  it('rejects audit records without a valid signature: counted on /health, never shown as retried by', async () => {
    const forged = JSON.stringify({
      type: 'RetryPublished', retryId: `${stuckOrder}/forged`, sagaId: stuckOrder, sagaType: 'order-fulfilment', step: 'inventory', mode: 'command',
      requestedBy: 'mallory', requestedAt: Date.now(), target: { topic: `${PREFIX}orders.retries`, partition: 0, offset: '0' }, retryOf: null, error: null,
    });
    await produceOnce(brokers, [
      { topic: config.auditTopic, message: { key: stuckOrder, value: forged, headers: { 'saga-id': stuckOrder } } },
      { topic: config.auditTopic, message: { key: stuckOrder, value: forged, headers: { 'saga-id': stuckOrder, [AUDIT_SIGNATURE_HEADER]: `sha256=${'0'.repeat(64)}` } } },
    ]);
    const health = await pollUntil('forged audit records counted', async () => {
      const h = HealthResponse.parse(await (await fetch(`${monitor.url}/api/health`)).json());
      return (h.rejected.byReason['unauthenticated-audit'] ?? 0) >= 2 && h;
    });
    expect(health.retries).toEqual({ enabled: true, reason: null });
    const retriedBy = (await detail(stuckOrder)).events.filter((e) => e.effect === 'retry').map((e) => JSON.parse(e.value!) as { requestedBy: string });
    expect(retriedBy.map((r) => r.requestedBy)).not.toContain('mallory');
  });

  it('rebuilds retry history from the audit topic after a restart, and does not publish a known retry id again', async () => {
    await monitor.close();
    monitor = await start();
    const key = `k-${RUN_TAG}`;
    await pollUntil('audit read back', async () => (await fetch(`${monitor.url}/api/sagas/${stuckTrip}`)).status === 200 && (await detail(stuckTrip)).events.some((e) => e.effect === 'retry'), 30_000);
    const again = await post(`/api/sagas/${stuckTrip}/retry`, {}, { ...bearer(ALICE), 'idempotency-key': key });
    expect(again.status).toBe(202);
    const plan = RetryAccepted.parse(await again.json());
    expect(plan.retryId).toBe(`${stuckTrip}/alice/${key}`);
    const onTopic = await readTopic(brokers, plan.topic);
    expect(onTopic.filter((m) => m.headers?.[RETRY_HEADERS.id]?.toString() === plan.retryId)).toHaveLength(1);
  });
});
