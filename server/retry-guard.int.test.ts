import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiError } from '../lib/wire/rest';
import { SESSION_TTL_MS } from './auth/sessions';
import { RATE_WINDOW_MS } from './http/rate-limit';
import { ALICE, BOB, signIn, startGuardedMonitor, type GuardedMonitor } from '../testing/monitor/guarded-monitor';
import { readTopic } from '../testing/kafka/read-log';

/**
 * Every retry endpoint refuses a request without a valid operator (401) and a cookie request from another site
 * (403), before it reads the body, and publishes nothing; a valid operator from this site gets through.
 */
const brokers = inject('kafkaBrokers');
let g: GuardedMonitor;
let aliceCookie: string;

beforeAll(async () => {
  g = await startGuardedMonitor(brokers, 'guard', 1);
  aliceCookie = await signIn(g.monitor.url, ALICE);
}, 120_000);
afterAll(() => g?.monitor.close());

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: string;
}
const ENDPOINTS: Endpoint[] = [
  { name: 'retry plan', method: 'GET', path: () => `/api/sagas/${g.stuck[0]}/retry-plan` },
  { name: 'retry', method: 'POST', path: () => `/api/sagas/${g.stuck[0]}/retry`, body: '{}' },
  { name: 'bulk retry', method: 'POST', path: () => '/api/retries', body: '{"max":5,"dryRun":true}' },
];

async function call(e: Endpoint, headers: Record<string, string>, contentType = 'application/json') {
  const res = await fetch(`${g.monitor.url}${e.path()}`, {
    method: e.method,
    headers: e.body !== undefined ? { 'content-type': contentType, ...headers } : headers,
    body: e.body,
  });
  const text = await res.text();
  return { status: res.status, error: ApiError.safeParse(JSON.parse(text)).data?.error ?? text, authenticate: res.headers.get('www-authenticate') };
}

const own = () => `http://127.0.0.1:${g.monitor.port}`;
const basic = Buffer.from(`alice:${ALICE}`).toString('base64');

describe.each(ENDPOINTS)('$name', (e) => {
  it.each<[name: string, headers: () => Record<string, string>]>([
    ['no credentials', () => ({})],
    ['a wrong bearer token', () => ({ authorization: 'Bearer wrong-token-0123456789' })],
    ['a valid token with a character more', () => ({ authorization: `Bearer ${ALICE}x` })],
    ['an empty bearer', () => ({ authorization: 'Bearer ' })],
    ['the token as Basic credentials', () => ({ authorization: `Basic ${basic}` })],
    ['the token without a scheme', () => ({ authorization: ALICE })],
    ['a session id this server never issued', () => ({ cookie: 'saga_monitor_session=forged-session-id' })],
    ['a valid token in a cookie of another name', () => ({ cookie: `session=${ALICE}` })],
  ])('401 with %s', async (_name, headers) => {
    const r = await call(e, headers());
    expect(r.status).toBe(401);
    expect(r.authenticate).toBe('Bearer');
    expect(r.error).toMatch(/operator/);
  });

  it.each<[name: string, origin: () => string]>([
    ['a foreign site', () => 'http://evil.example'],
    ['the same host on another port', () => 'http://127.0.0.1:1'],
    ['an opaque origin', () => 'null'],
  ])('403 for a signed-in cookie sent from %s', async (_name, origin) => {
    const r = await call(e, { cookie: aliceCookie, origin: origin() });
    expect(r.status).toBe(403);
    expect(r.error).toMatch(/cross-site request refused/);
  });

  if (e.method === 'POST') {
    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('403, not 415, for a cross-site form post as %s', async (type) => {
      expect((await call(e, { cookie: aliceCookie, origin: 'http://evil.example' }, type)).status).toBe(403);
    });
  }
});

describe('sessions that ended', () => {
  it('refuses the cookie of a signed-out session', async () => {
    const cookie = await signIn(g.monitor.url, BOB);
    expect((await call(ENDPOINTS[0], { cookie, origin: own() })).status).toBe(200);
    expect((await fetch(`${g.monitor.url}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    for (const e of ENDPOINTS) expect((await call(e, { cookie, origin: own() })).status).toBe(401);
  });

  it('refuses the cookie of an expired session', async () => {
    const cookie = await signIn(g.monitor.url, BOB);
    g.advance(SESSION_TTL_MS + 1_000);
    for (const e of ENDPOINTS) expect((await call(e, { cookie, origin: own() })).status).toBe(401);
    aliceCookie = await signIn(g.monitor.url, ALICE);
  });
});

describe('what gets through', () => {
  // The wrong tokens above spent part of this address's sign-in budget; start a fresh window.
  beforeAll(() => g.advance(RATE_WINDOW_MS));

  it('published nothing for any refused request', async () => {
    expect(await readTopic(brokers, `${g.prefix}orders.retries`)).toEqual([]);
  });

  it('serves a signed-in cookie from its own pages and a bearer token from anywhere', async () => {
    expect((await call(ENDPOINTS[0], { cookie: aliceCookie, origin: own() })).status).toBe(200);
    expect((await call(ENDPOINTS[0], { authorization: `Bearer ${ALICE}` })).status).toBe(200);
    // A bearer token is never sent by a browser on its own, so another Origin does not make it a forgery.
    expect((await call(ENDPOINTS[0], { authorization: `bearer  ${ALICE} `, origin: 'http://evil.example' })).status).toBe(200);
    const accepted = await call(ENDPOINTS[1], { cookie: aliceCookie, origin: own() });
    expect(accepted.status).toBe(202);
    expect(await readTopic(brokers, `${g.prefix}orders.retries`)).toHaveLength(1);
  });
});
