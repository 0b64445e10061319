import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgingResponse, SagaDetail, SagaListResponse, StatsResponse } from '../../lib/wire/rest';
import { silentLogger } from '../logger';
import { SagaStore } from '../store/saga-store';
import { ev, ordersConfig } from '../test/events';
import { createApiRouter } from './api-router';

let server: Server;
let base: string;

beforeAll(async () => {
  const store = new SagaStore(ordersConfig(), () => 5_000);
  store.apply(ev('ord-1', 'start', 1_000));
  store.apply(ev('ord-1', 'step-started', 1_100, 'payment'));
  store.apply(ev('ord 2/x', 'start', 1_200));
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
    expect(body.items[0]!.id).toBe('ord 2/x');
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
