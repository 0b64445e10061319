import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgingResponse, SagaDetail, SagaListResponse, StatsResponse, StepDurationsResponse } from '../../lib/wire/rest';
import { silentLogger } from '../logger';
import { SagaStore } from '../store/saga-store';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { createApiRouter } from './api-router';
import { z } from 'zod';
import { ConsumersResponse, type TopicConsumers } from '../../lib/wire/consumers';
import { StuckAlert } from '../../lib/wire/socket';
import { createResponders } from '../kafka/responders';

let server: Server;
let base: string;

beforeAll(async () => {
  const store = new SagaStore(ordersConfig(), () => 5_000);
  store.apply(ev('ord-1', 'start', 1_000));
  store.apply(ev('ord-1', 'step-started', 1_100, 'payment'));
  store.apply(ev('ord 2/x', 'start', 1_200));
  // Thirty completed payments of 5..150 ms, learned without adding sagas to the counts the other cases check.
  for (let i = 1; i <= 30; i++) store.slowSteps.durations.record('orders', 'payment', 5 * i);
  const api = createApiRouter({ store, health: () => ({ ok: true }), now: () => 5_000, log: silentLogger });
  server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('REST API', () => {
  it('lists sagas in the documented shape', async () => {
    const res = await fetch(`${base}/api/sagas?limit=1`);
    expect(res.status).toBe(200);
    const body = SagaListResponse.parse(await res.json());
    expect(body.total).toBe(2);
    expect(body.items[0].id).toBe('ord 2/x');
    expect(body.nextCursor).not.toBeNull();
  });

  it('returns one saga with steps and events, with ids URL-encoded', async () => {
    const body = SagaDetail.parse(await (await fetch(`${base}/api/sagas/${encodeURIComponent('ord 2/x')}`)).json());
    expect(body.id).toBe('ord 2/x');
    const one = SagaDetail.parse(await (await fetch(`${base}/api/sagas/ord-1`)).json());
    expect(one.steps.find((s) => s.name === 'payment')).toMatchObject({ status: 'running', attempts: 1 });
    expect(one.events).toHaveLength(2);
  });

  it('serves stats', async () => {
    const body = StatsResponse.parse(await (await fetch(`${base}/api/stats`)).json());
    expect(body.byStatus.in_progress).toBe(2);
  });

  it('serves the aging of in-flight sagas by step', async () => {
    const body = AgingResponse.parse(await (await fetch(`${base}/api/aging`)).json());
    expect(body.buckets).toHaveLength(6);
    // At 5 s: ord-1 waits at payment since 1.1 s (1-10 s), ord 2/x before its first step since 1.2 s.
    expect(body.rows.map((r) => [r.step, r.counts])).toEqual([
      [null, [0, 1, 0, 0, 0, 0]],
      ['payment', [0, 1, 0, 0, 0, 0]],
    ]);
  });

  it('serves the learned step durations and the slow threshold each gives', async () => {
    const res = await fetch(`${base}/api/step-durations`);
    expect(res.status).toBe(200);
    const body = StepDurationsResponse.parse(await res.json());
    // 3 x p99 = 450 ms is below the default 500 ms floor; shipping has learned nothing yet.
    expect(body.items).toEqual([
      { sagaType: 'orders', step: 'payment', samples: 30, p50Ms: 75, p90Ms: 135, p99Ms: 150, maxMs: 150, slowAfterMs: 500 },
      { sagaType: 'orders', step: 'shipping', samples: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null, slowAfterMs: null },
    ]);
    expect(body.slowSteps).toEqual({ factor: 3, floorMs: 500, minSamples: 30 });
    const one = SagaDetail.parse(await (await fetch(`${base}/api/sagas/ord-1`)).json());
    expect(one.slow).toBeNull();
  });

  it.each([
    ['/api/sagas?limit=0', 400, 'limit'],
    ['/api/sagas?limit=abc', 400, 'limit'],
    ['/api/sagas?status=bogus', 400, 'status'],
    ['/api/sagas?unknown=1', 400, 'unknown'],
    ['/api/sagas?cursor=zzz', 400, 'cursor'],
    ['/api/sagas/nope', 404, 'nope'],
    ['/api/sagas/%E0%A4%A', 400, 'encoding'],
    ['/api/nothing', 404, '/api/nothing'],
  ])('GET %s -> %i naming %s', async (path, status, word) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; details?: string[] };
    expect(`${body.error} ${(body.details ?? []).join(' ')}`).toContain(word);
  });

  it('answers 405 with Allow for other methods', async () => {
    const res = await fetch(`${base}/api/sagas`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('leaves non-API paths to the pages', async () => {
    expect((await fetch(`${base}/sagas/x`)).status).toBe(418);
  });
});

describe('REST API: who should answer a waiting saga', () => {
  let withConsumers: Server;
  let url: string;
  const NOW = 100_000;
  /** A stand-in for GroupHealth: every topic read by one empty group. */
  const lookup = {
    forTopic: (topic: string): TopicConsumers => ({
      topic,
      checkedAt: NOW - 1_000,
      verdict: 'no-consumers',
      summary: `nothing is consuming ${topic}: group pay has 0 members`,
      groups: [{ groupId: 'pay', state: 'Empty', members: 0, membersOnTopic: 0, lag: 3, lastCommitSeenAt: null, behindSince: NOW - 5_000, verdict: 'no-consumers' }],
      error: null,
    }),
    snapshot: () => [lookup.forTopic('t.step-started')],
  };

  beforeAll(async () => {
    const store = new SagaStore(ordersConfig(), () => NOW);
    store.apply(ev('wait-1', 'start', 1_000));
    store.apply(ev('wait-1', 'step-started', 1_100, 'payment'));
    store.apply(ev('done-1', 'start', 1_000));
    store.apply(ev('done-1', 'complete', 1_200));
    store.tick();
    const api = createApiRouter({ store, health: () => ({}), now: () => NOW, log: silentLogger, consumers: createResponders(store, ordersConfig(), lookup) });
    withConsumers = createServer((req, res) => void api(req, res));
    await new Promise<void>((r) => withConsumers.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(withConsumers.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => withConsumers.close(() => r())));

  it('puts the consumers of the topic that started the waiting step on the saga detail', async () => {
    const d = SagaDetail.parse(await (await fetch(`${url}/api/sagas/wait-1`)).json());
    expect(d.consumers?.map((c) => [c.topic, c.verdict, c.summary])).toEqual([['t.step-started', 'no-consumers', 'nothing is consuming t.step-started: group pay has 0 members']]);
  });

  it('leaves them off a finished saga', async () => {
    const d = SagaDetail.parse(await (await fetch(`${url}/api/sagas/done-1`)).json());
    expect(d.status).toBe('completed');
    expect(d.consumers).toBeUndefined();
  });

  it('names on each stuck alert the topics its answer is read from', async () => {
    const body = z.object({ items: z.array(StuckAlert) }).parse(await (await fetch(`${url}/api/alerts`)).json());
    expect(body.items.map((a) => [a.sagaId, a.answeredFrom])).toEqual([['wait-1', ['t.step-started']]]);
  });

  it('lists every watched topic on /api/consumers, and none without a lookup', async () => {
    const body = ConsumersResponse.parse(await (await fetch(`${url}/api/consumers`)).json());
    expect(body.items.map((c) => c.topic)).toEqual(['t.step-started']);
    expect(ConsumersResponse.parse(await (await fetch(`${base}/api/consumers`)).json()).items).toEqual([]);
  });
});

describe('REST API findings', () => {
  let findingsServer: Server;
  let url: string;

  beforeAll(async () => {
    const store = new SagaStore(ordersConfig(), () => 5_000);
    store.apply(ev('fine', 'start', 1_000));
    store.apply(ev('dup', 'step-started', 1_100, 'payment'));
    store.apply(ev('dup', 'step-started', 1_200, 'payment'));
    store.apply(ev('orphan', 'step-completed', 1_300, 'shipping'));
    const api = createApiRouter({ store, health: () => ({ ok: true }), now: () => 5_000, log: silentLogger });
    findingsServer = createServer((req, res) => {
      if (!api(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((r) => findingsServer.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(findingsServer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => findingsServer.close(() => r())));

  it('shows a saga its findings, with the records that show them', async () => {
    const d = SagaDetail.parse(await (await fetch(`${url}/api/sagas/dup`)).json());
    expect(d.findings).toHaveLength(1);
    expect(d.findings![0]).toMatchObject({ kind: 'duplicate-command', step: 'payment', at: 1_200 });
    expect(d.findings![0].message).toMatch(/^Step payment was started again/);
    expect(d.findings![0].evidence.map((r) => r.topic)).toEqual(['t.step-started', 't.step-started']);
    expect(SagaDetail.parse(await (await fetch(`${url}/api/sagas/fine`)).json()).findings).toEqual([]);
  });

  it('counts sagas per kind in the stats', async () => {
    const body = StatsResponse.parse(await (await fetch(`${url}/api/stats`)).json());
    expect(body.findings).toEqual({ uncompensated: 0, 'reply-without-request': 1, 'duplicate-command': 1, 'retry-raced-reply': 0, 'conflicting-replies': 0 });
  });

  it.each([
    ['duplicate-command', ['dup']],
    ['reply-without-request,duplicate-command', ['dup', 'orphan']],
    ['retry-raced-reply', []],
  ])('lists the sagas with finding=%s', async (finding, ids) => {
    const body = SagaListResponse.parse(await (await fetch(`${url}/api/sagas?finding=${finding}`)).json());
    expect(body.items.map((s) => s.id).sort()).toEqual(ids);
    for (const s of body.items) expect(s.findings!.length).toBeGreaterThan(0);
  });

  it('refuses an unknown finding kind, naming the parameter', async () => {
    const res = await fetch(`${url}/api/sagas?finding=late`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details?: string[] };
    expect((body.details ?? []).join(' ')).toContain('finding');
  });
});

describe('GET /api/alerts reuses its encoded body only while the alerts stay the same', () => {
  it('answers each raise, refresh and resolve with the new list', async () => {
    const clock = { now: 0 };
    const store = new SagaStore(ordersConfig(), () => clock.now);
    const api = createApiRouter({ store, health: () => ({}), now: () => clock.now, log: silentLogger });
    const s = createServer((req, res) => void api(req, res));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/alerts`;
    const alerts = async () => z.object({ items: z.array(StuckAlert) }).parse(await (await fetch(url)).json()).items;
    try {
      store.apply(ev('a', 'start', 0));
      store.apply(ev('a', 'step-started', 0, 'payment', 1_000));
      expect(await alerts()).toEqual([]);
      clock.now = 40_000;
      store.tick();
      expect((await alerts()).map((x) => [x.sagaId, x.step])).toEqual([['a', 'payment']]);
      expect((await alerts()).map((x) => x.sagaId)).toEqual(['a']);
      // A record read late, and the saga still past its next deadline (10 ms + 30 s): refreshed with what it waits for.
      store.apply(ev('a', 'step-completed', 10, 'payment'));
      expect((await alerts()).map((x) => [x.sagaId, x.step])).toEqual([['a', 'shipping']]);
      store.apply(ev('a', 'step-started', 40_000, 'shipping', 5_000));
      expect(await alerts()).toEqual([]);
    } finally {
      await new Promise<void>((r) => s.close(() => r()));
    }
  });
});
