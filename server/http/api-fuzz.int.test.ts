// Every route the API router and the retry routes serve, hit with seeded malformed requests: bad query parameters,
// path segments (long, encoded, invalid escapes), wrong methods, oversized or streamed bodies, wrong content types,
// invalid JSON, wrong JSON shapes, odd headers; plus what only a raw socket can send. Every answer is a 4xx with a JSON
// reason (or a 2xx where the request is in fact valid), never a 5xx, and the server stays up.
// A failing run names its seed; API_FUZZ_SEED=<seed> replays it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TOPICS } from '../../demo/topics';
import { ApiError } from '../../lib/wire/rest';
import type { Logger } from '../logger';
import { startMonitor, type Monitor } from '../monitor';
import { sessionRoutes } from '../auth/session-routes';
import { retryRoutes } from '../retry/retry-routes';
import { getDetail, getHealth } from '../../testing/monitor/health-probe';
import { createTopics } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { produceOnce } from '../../testing/kafka/produce-once';
import { rawRequest } from '../../testing/http/raw-http';
import { fuzzRequests, type FuzzContext, type FuzzRequest, type RouteTemplate } from '../../testing/http/request-fuzz';
import { ORDER_PLANS, sagaRecords, TRIP_PLANS } from '../../testing/bad-input/saga-plans';
import { demoConfig, TEST_AUDIT_KEY, uniquePrefix } from '../../testing/monitor/test-config';
import { readRoutes } from './api-router';
import type { Route } from './route';

const brokers = inject('kafkaBrokers');
const SEED = Number(process.env.API_FUZZ_SEED ?? 6_006);
const TOKEN = 'fuzz-operator-token-0123456789';
/** Requests in flight at once: enough to overlap handlers, few enough for two cores. */
const CONCURRENCY = 8;
const KNOWN_IDS = ['fz-stuck', 'fz-trip', 'fz-done', 'fz odd/\u00fc', '<b>fz</b>'];

/** The routes as the code builds them; construction reads no dependency, so stand-ins do. */
const CODE_ROUTES: Route[] = [...sessionRoutes({} as never), ...retryRoutes({} as never), ...readRoutes({} as never)];

const statuses = { status: [['stuck', 'completed,failed', 'in_progress, stuck'], ['', 'nope', 'stuck,,bogus', ',']] } as const;
/** One template per route the code serves, keyed like routeKey; the first test checks the two lists agree. */
const TEMPLATES: Record<string, RouteTemplate> = {
  'GET ^\\/api\\/sagas\\/?$': {
    method: 'GET',
    path: '/api/sagas',
    readsBody: false,
    query: {
      ...{ status: [[...statuses.status[0]], [...statuses.status[1]]] },
      type: [['order-fulfilment', 'trip-booking,order-fulfilment', 'nope'], ['', ',,']],
      step: [['payment', 'hotel,car'], ['', ',']],
      finding: [['uncompensated', 'duplicate-command, retry-raced-reply'], ['', 'nope', ',', 'uncompensated,late']],
      q: [['fz', '', '<b>', '%'], ['x'.repeat(201)]],
      sort: [['updated', 'started'], ['', 'oldest', '__proto__']],
      limit: [['1', '50', '1000', ' 7 ', '0x10'], ['0', '-1', '1001', '1.5', 'abc', '', '1e309', 'NaN']],
      cursor: [[], ['zzz', '%FF', 'W10', 'WzEsMl0', 'x'.repeat(501), 'WyJhIiwxXQ']],
    },
  },
  'GET ^\\/api\\/sagas\\/([^/]+)\\/?$': { method: 'GET', path: '/api/sagas/{id}', readsBody: false },
  'GET ^\\/api\\/stats\\/?$': { method: 'GET', path: '/api/stats', readsBody: false },
  'GET ^\\/api\\/alerts\\/?$': { method: 'GET', path: '/api/alerts', readsBody: false },
  'GET ^\\/api\\/aging\\/?$': { method: 'GET', path: '/api/aging', readsBody: false },
  'GET ^\\/api\\/health\\/?$': { method: 'GET', path: '/api/health', readsBody: false },
  'GET ^\\/api\\/step-durations\\/?$': { method: 'GET', path: '/api/step-durations', readsBody: false },
  'GET ^\\/api\\/consumers\\/?$': { method: 'GET', path: '/api/consumers', readsBody: false },
  'GET ^\\/api\\/session\\/?$': { method: 'GET', path: '/api/session', readsBody: false },
  'POST ^\\/api\\/session\\/?$': { method: 'POST', path: '/api/session', readsBody: true, validBodies: [{ token: TOKEN }, { token: 'not-the-token' }] },
  'DELETE ^\\/api\\/session\\/?$': { method: 'DELETE', path: '/api/session', readsBody: false },
  'GET ^\\/api\\/sagas\\/([^/]+)\\/retry-plan\\/?$': {
    method: 'GET',
    path: '/api/sagas/{id}/retry-plan',
    readsBody: false,
    query: { step: [['payment', 'hotel', 'nope', ''], []] },
  },
  'POST ^\\/api\\/sagas\\/([^/]+)\\/retry\\/?$': { method: 'POST', path: '/api/sagas/{id}/retry', readsBody: true, validBodies: [{}, { step: 'payment' }, { step: 'hotel' }, { step: 'nope' }] },
  'POST ^\\/api\\/retries\\/?$': {
    method: 'POST',
    path: '/api/retries',
    readsBody: true,
    validBodies: [{ max: 3, dryRun: true }, { max: 2, status: ['stuck', 'failed'], type: 'trip-booking', dryRun: true }, { max: 1, q: 'fz', dryRun: true }, { max: 60, dryRun: true }, { ids: ['fz-1', 'fz-2'] }, { planId: 'no-such-plan' }],
  },
};
/** Paths no route owns, fuzzed like the others. */
const NO_ROUTE: RouteTemplate[] = [
  { method: 'GET', path: '/api/{id}', readsBody: false },
  { method: 'POST', path: '/api', readsBody: false },
];

/** The reason an error answer gives (its `error` and `details`), else the whole body. */
function said(text: string): string {
  const e = ApiError.safeParse(JSON.parse(text));
  return e.success ? [e.data.error, ...(e.data.details ?? [])].join('; ') : text;
}

const routeKey = (r: Pick<Route, 'method' | 'pattern'>) => `${r.method} ${r.pattern.source}`;
const READS = ['GET ^\\/api\\/sagas\\/?$', 'GET ^\\/api\\/stats\\/?$', 'GET ^\\/api\\/alerts\\/?$', 'GET ^\\/api\\/health\\/?$', 'GET ^\\/api\\/session\\/?$', 'GET ^\\/api\\/step-durations\\/?$', 'GET ^\\/api\\/consumers\\/?$'];
const DETAIL = 'GET ^\\/api\\/sagas\\/([^/]+)\\/?$';

interface Served {
  route: Route | null;
  /** Why the router must refuse the request whatever else it holds. */
  invalid: string[];
}

/** Which route answers the request, found with the code's own route table, and what makes the request invalid for it. */
function served(r: FuzzRequest, base: string): Served {
  const { pathname } = new URL(r.path, base);
  const matching = CODE_ROUTES.filter((x) => x.pattern.test(pathname));
  if (matching.length === 0) return { route: null, invalid: ['no route'] };
  const route = matching.find((x) => x.method === (r.method === 'HEAD' ? 'GET' : r.method));
  if (!route) return { route: null, invalid: [`${r.method} not served`] };
  const template = TEMPLATES[routeKey(route)];
  const invalid = [...r.faults.path, ...(template === r.template ? r.faults.query : []), ...(template.readsBody ? r.faults.body : [])];
  return { route, invalid };
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

function bodyStream(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      const n = Math.min(16_384, bytes - sent);
      sent += n;
      c.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
}

async function send(base: string, r: FuzzRequest): Promise<Answer> {
  const init: RequestInit & { duplex?: 'half' } = { method: r.method, headers: r.headers, redirect: 'manual' };
  if (r.body) init.body = r.body;
  if (r.streamBytes) {
    init.body = bodyStream(r.streamBytes);
    init.duplex = 'half';
  }
  const res = await fetch(`${base}${r.path}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** What is wrong with an answer; empty when it keeps the promise. */
function problems(r: FuzzRequest, a: Answer, s: Served, readsOpen: boolean): string[] {
  const out: string[] = [];
  if (a.status >= 500 || a.status < 200 || (a.status >= 300 && a.status < 400)) out.push(`status ${a.status}`);
  if (s.invalid.length > 0 && a.status < 400) out.push(`invalid (${s.invalid.join(', ')}) but ${a.status}`);
  if (r.method !== 'HEAD' && a.status !== 204) {
    if (!(a.headers.get('content-type') ?? '').startsWith('application/json')) out.push(`content-type ${a.headers.get('content-type')}`);
    let json: unknown;
    try {
      json = JSON.parse(a.text);
    } catch {
      out.push(`body is not JSON: ${a.text.slice(0, 80)}`);
    }
    if (a.status >= 400) {
      const e = ApiError.safeParse(json);
      if (!e.success || e.data.error.length < 8 || /internal error/.test(e.data.error)) out.push(`no reason: ${a.text.slice(0, 120)}`);
    }
  }
  if (a.status === 405 && !a.headers.get('allow')) out.push('405 without Allow');
  if (a.status === 401 && a.headers.get('www-authenticate') !== 'Bearer') out.push('401 without WWW-Authenticate');
  // Where viewing is open, a valid read is answered: the detail of an unknown id with a 404, every other read with a 200.
  if (readsOpen && s.route && s.invalid.length === 0) {
    const key = routeKey(s.route);
    if (READS.includes(key) && a.status !== 200) out.push(`valid read answered ${a.status}`);
    if (key === DETAIL && a.status !== 200 && a.status !== 404) out.push(`valid detail read answered ${a.status}`);
  }
  return out;
}

function describeRequest(r: FuzzRequest): string {
  const body = r.streamBytes ? `stream ${r.streamBytes} B` : r.body ? `${r.body.length} B ${new TextDecoder().decode(r.body.slice(0, 60))}` : 'no body';
  return `${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 200)} ${body}`;
}

/** Sends `count` generated requests, CONCURRENCY at a time; returns the problems found, with the requests that caused them. */
async function fuzz(base: string, seed: number, count: number, ctx: FuzzContext, readsOpen: boolean): Promise<{ problems: string[]; statuses: Record<number, number> }> {
  const gen = fuzzRequests(seed, [...Object.values(TEMPLATES), ...NO_ROUTE], ctx);
  const found: string[] = [];
  const seen: Record<number, number> = {};
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent += 1;
      const r = gen.next().value as FuzzRequest;
      const s = served(r, base);
      let a: Answer;
      try {
        a = await send(base, r);
      } catch (e) {
        found.push(`${describeRequest(r)}: no answer: ${String((e as Error).cause ?? e)}`);
        continue;
      }
      seen[a.status] = (seen[a.status] ?? 0) + 1;
      for (const p of problems(r, a, s, readsOpen)) found.push(`${describeRequest(r)}: ${p}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { problems: found, statuses: seen };
}

const errorLines: string[] = [];
const log: Logger = { info: () => {}, warn: () => {}, error: (msg) => void errorLines.push(msg) };
let open: Monitor;
let closed: Monitor;

async function signIn(m: Monitor): Promise<string> {
  const res = await fetch(`${m.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  const p = uniquePrefix('api-fuzz');
  await createTopics(brokers, DEMO_TOPICS.map((t) => `${p}${t}`));
  const old = Date.now() - 10 * 60_000;
  await produceOnce(brokers, [
    ...sagaRecords(p, 'fz-stuck', ORDER_PLANS.stuck, old),
    ...sagaRecords(p, 'fz-trip', TRIP_PLANS.stuck, old),
    ...sagaRecords(p, 'fz-done', ORDER_PLANS.completed, old),
    ...sagaRecords(p, 'fz odd/\u00fc', ORDER_PLANS.failed, old),
    ...sagaRecords(p, '<b>fz</b>', TRIP_PLANS.completed, old),
  ]);
  const common = { config: demoConfig(brokers, p), port: 0, hostname: '127.0.0.1', log, operators: `alice:${TOKEN}`, auditKey: TEST_AUDIT_KEY };
  open = await startMonitor(common);
  closed = await startMonitor({ ...common, requireSignIn: true });
  await pollUntil('sagas read, stuck ones stuck', async () => (await getDetail(open.url, 'fz-trip'))?.status === 'stuck' && (await getDetail(open.url, 'fz-stuck'))?.status === 'stuck');
  await pollUntil('the sign-in monitor caught up', () => closed.health().sagas === KNOWN_IDS.length);
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

describe('API fuzz', () => {
  it('has a template for exactly the routes the code serves', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(CODE_ROUTES.map(routeKey).sort());
    for (const r of CODE_ROUTES) expect(r.pattern.test(TEMPLATES[routeKey(r)].path.replace('{id}', 'x')), routeKey(r)).toBe(true);
  });

  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };
  it.each<[name: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> }, status: number, reason: RegExp]>([
    ['unknown API path', 'GET', '/api/nothing', {}, 404, /no API route \/api\/nothing/],
    ['the API root', 'GET', '/api', {}, 404, /no API route/],
    ['POST on a read route', 'POST', '/api/health', {}, 405, /POST is not allowed on \/api\/health; use GET/],
    ['PUT on the list', 'PUT', '/api/sagas', { body: '{}' }, 405, /use GET/],
    ['PATCH on the session', 'PATCH', '/api/session', {}, 405, /use GET, POST, DELETE/],
    ['limit 0', 'GET', '/api/sagas?limit=0', {}, 400, /limit: /],
    ['limit past a double', 'GET', '/api/sagas?limit=1e309', {}, 400, /limit: /],
    ['limit given twice, the last bad', 'GET', '/api/sagas?limit=5&limit=abc', {}, 400, /limit: /],
    ['an unknown status', 'GET', '/api/sagas?status=stuck,nope', {}, 400, /status/],
    ['an unknown finding kind', 'GET', '/api/sagas?finding=uncompensated,nope', {}, 400, /finding/],
    ['an empty sort', 'GET', '/api/sagas?sort=', {}, 400, /sort: /],
    ['a __proto__ parameter', 'GET', '/api/sagas?__proto__=x', {}, 400, /__proto__/],
    ['a long prefix', 'GET', `/api/sagas?q=${'x'.repeat(201)}`, {}, 400, /q: /],
    ['a cursor that is not ours', 'GET', '/api/sagas?cursor=%FF', {}, 400, /cursor: cursor is not one this server issued/],
    ['a truncated UTF-8 escape in the id', 'GET', '/api/sagas/%E0%A4%A', {}, 400, /not valid URL encoding/],
    ['a lone surrogate in the id', 'GET', '/api/sagas/%ED%A0%80', {}, 400, /not valid URL encoding/],
    ['a 8,000-character id', 'GET', `/api/sagas/${'x'.repeat(8_000)}`, {}, 404, /no saga with id "x{120}…" \(8000 characters\) has been seen/],
    ['an id with a space, a slash and a non-ASCII letter', 'GET', `/api/sagas/${encodeURIComponent('fz odd/\u00fc')}`, {}, 200, /"id":"fz odd\/ü"/],
    ['a retry plan without credentials', 'GET', '/api/sagas/fz-done/retry-plan', {}, 401, /retries need an operator/],
    ['a retry plan with a Basic credential', 'GET', '/api/sagas/fz-done/retry-plan', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }, 401, /bearer token matches no operator/],
    ['a retry plan for a finished saga', 'GET', '/api/sagas/fz-done/retry-plan', { headers: auth }, 409, /a completed saga cannot be retried/],
    ['a misspelt retry plan parameter', 'GET', '/api/sagas/fz-stuck/retry-plan?stp=payment', { headers: auth }, 400, /invalid query; stp: |Unrecognized key: "stp"/],
    ['an empty retry plan step', 'GET', '/api/sagas/fz-stuck/retry-plan?step=', { headers: auth }, 400, /step: /],
    ['a retry plan for a bad escape', 'GET', '/api/sagas/%zz/retry-plan', { headers: auth }, 400, /not valid URL encoding/],
    ['a retry as text/plain', 'POST', '/api/sagas/fz-stuck/retry', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' }, 415, /application\/json \(got "text\/plain"\)/],
    ['a retry in Latin-1', 'POST', '/api/sagas/fz-stuck/retry', { headers: { ...auth, 'content-type': 'application/json; charset=latin1' }, body: '{}' }, 415, /UTF-8 \(got charset "latin1"\)/],
    ['a gzip-encoded retry', 'POST', '/api/sagas/fz-stuck/retry', { headers: { ...json, 'content-encoding': 'gzip' }, body: '{}' }, 415, /without a content encoding \(got "gzip"\)/],
    ['a retry with cut JSON', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: '{"step":' }, 400, /not valid JSON/],
    ['a retry with an array', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: '[]' }, 400, /invalid body: \(root\): Invalid input: expected object/],
    ['a retry with a number step', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: '{"step":5}' }, 400, /invalid body: step: /],
    ['a retry with a misspelt field', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: '{"stepp":"payment"}' }, 400, /Unrecognized key: "stepp"/],
    ['a retry in bytes that are not UTF-8', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }, 400, /not valid UTF-8/],
    ['a retry one byte too large', 'POST', '/api/sagas/fz-stuck/retry', { headers: json, body: `{"step":"${'s'.repeat(16_385 - 11)}"}` }, 413, /body larger than 16384 bytes/],
    ['a retry with a long Idempotency-Key', 'POST', '/api/sagas/fz-stuck/retry', { headers: { ...json, 'idempotency-key': 'k'.repeat(300) }, body: '{}' }, 400, /Idempotency-Key longer than 200/],
    ['a bulk retry of 0', 'POST', '/api/retries', { headers: json, body: '{"max":0}' }, 400, /max: /],
    ['a bulk retry of "all"', 'POST', '/api/retries', { headers: json, body: '{"max":"all"}' }, 400, /max: /],
    ['a bulk retry without credentials', 'POST', '/api/retries', { headers: { 'content-type': 'application/json' }, body: '{"max":1}' }, 401, /retries need an operator/],
    ['a sign-in from another site', 'POST', '/api/session', { headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' }, 403, /cross-site request refused/],
    ['a sign-in with a number token', 'POST', '/api/session', { headers: { 'content-type': 'application/json' }, body: '{"token":5}' }, 400, /token: /],
    ['OPTIONS on the list', 'OPTIONS', '/api/sagas', {}, 405, /use GET/],
  ])('%s', async (_name, method, path, init, status, reason) => {
    const res = await fetch(`${open.url}${path}`, { method, ...init });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(said(await res.text())).toMatch(reason);
  });

  it('a chunked body past the limit gets its 413, not a reset connection', async () => {
    for (const bytes of [40_000, 1_050_000, 3_000_000]) {
      const res = await fetch(`${open.url}/api/sagas/fz-stuck/retry`, { method: 'POST', headers: json, body: bodyStream(bytes), duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: 'body larger than 16384 bytes' });
    }
  });

  it.each<[name: string, bytes: string, status: number, reason: RegExp]>([
    ['an unknown method', 'FOO /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, /malformed HTTP request: Invalid method/],
    ['a target the URL parser refuses', 'GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 400, /the request target is not a valid URL/],
    ['a control character in the path', 'GET /api/sagas/\x7f HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, /malformed HTTP request/],
    ['20 KB of headers', `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, /request headers too large/],
    ['a Content-Length that is not a number', 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n{}', 400, /Content-Length/],
    ['both Content-Length and chunked', 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, /malformed HTTP request/],
    ['a header name with a space', 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: 1\r\n\r\n', 400, /malformed HTTP request/],
    ['an Expect other than 100-continue', 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: nope\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}', 417, /only "Expect: 100-continue" is supported/],
    ['CONNECT', 'CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n', 405, /CONNECT is not supported/],
    ['HTTP/1.0 without Host', 'GET /api/alerts HTTP/1.0\r\n\r\n', 200, /"items"/],
    ['a Host that is not this loopback monitor\'s (DNS rebinding)', 'GET /api/alerts HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n', 403, /does not answer to the name/],
  ])('raw: %s, answered with a JSON reason', async (_name, bytes, status, reason) => {
    const a = await rawRequest(open.port, bytes);
    expect(a.status).toBe(status);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(said(a.body)).toMatch(reason);
  });

  it(`open viewing: 3,000 generated requests, no 5xx, every refusal a 4xx with a JSON reason (seed ${SEED})`, async () => {
    const ctx: FuzzContext = { origin: open.url, token: TOKEN, cookie: await signIn(open), knownIds: KNOWN_IDS };
    const { problems: found, statuses: seen } = await fuzz(open.url, SEED, 3_000, ctx, true);
    expect(found.slice(0, 20), `seed ${SEED}: ${found.length} problems`).toEqual([]);
    // The run reached the answers that matter: reads and refusals of each kind. Its wrong bearer tokens soon spend
    // the address's sign-in attempts, so later bearer requests get 429 before their body is read: 202, 409, 413 and
    // 415 come rarely and depend on the draw (a new route shifts it); the cases above and retry.int.test.ts assert them.
    for (const status of [200, 400, 401, 403, 404, 405, 429]) expect(seen[status] ?? 0, `status ${status}: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    expect((await getHealth(open.url)).kafka.state).toBe('connected');
  });

  it(`sign-in required: 1,000 generated requests keep the same promise (seed ${SEED + 1})`, async () => {
    const ctx: FuzzContext = { origin: closed.url, token: TOKEN, cookie: await signIn(closed), knownIds: KNOWN_IDS };
    const { problems: found, statuses: seen } = await fuzz(closed.url, SEED + 1, 1_000, ctx, false);
    expect(found.slice(0, 20), `seed ${SEED + 1}: ${found.length} problems`).toEqual([]);
    expect(seen[401] ?? 0).toBeGreaterThan(0);
    expect(seen[200] ?? 0).toBeGreaterThan(0);
  });

  it('stays up, logged no handler failure, and still serves both monitors', async () => {
    expect(errorLines.filter((l) => l.startsWith('api '))).toEqual([]);
    for (const m of [open, closed]) expect((await fetch(`${m.url}/api/session`)).status).toBe(200);
    expect((await getHealth(open.url)).sagas).toBe(KNOWN_IDS.length);
  });
});
