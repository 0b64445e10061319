import { request } from 'node:http';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SOCKET_PATH } from '../lib/wire/socket';
import { ALICE, signIn, startGuardedMonitor, type GuardedMonitor } from '../testing/monitor/guarded-monitor';

/**
 * The live feed answers pages of this monitor only: a socket.io handshake carrying another Origin is refused on both
 * transports, before a single update is sent. Requests without an Origin are not from a browser and are served.
 */
const brokers = inject('kafkaBrokers');
let open: GuardedMonitor;
let closed: GuardedMonitor;

beforeAll(async () => {
  open = await startGuardedMonitor(brokers, 'origin-open', 0);
  closed = await startGuardedMonitor(brokers, 'origin-closed', 0, { requireSignIn: true });
}, 120_000);
afterAll(async () => {
  await open?.monitor.close();
  await closed?.monitor.close();
});

type Transport = 'polling' | 'websocket';

/** Connects once without retrying; 'connected' only once the server's hello arrived. */
function outcome(url: string, transport: Transport, headers: Record<string, string>): Promise<string> {
  const s = connect(url, { path: SOCKET_PATH, transports: [transport], reconnection: false, forceNew: true, extraHeaders: headers });
  return new Promise((resolve) => {
    s.on('hello', () => (s.close(), resolve('connected')));
    s.on('connect_error', (e) => (s.close(), resolve(`refused: ${e.message}`)));
  });
}

describe('socket.io Origin check', () => {
  const own = () => `http://127.0.0.1:${open.monitor.port}`;
  describe.each<Transport>(['polling', 'websocket'])('%s', (transport) => {
    it.each<[name: string, origin: () => string | undefined, expected: RegExp]>([
      ['no Origin (not a browser)', () => undefined, /^connected$/],
      ['its own origin', own, /^connected$/],
      ['a foreign site', () => 'http://evil.example', /^refused/],
      ['the same host on another port', () => 'http://127.0.0.1:1', /^refused/],
      ['another name for this machine', () => `http://localhost:${open.monitor.port}`, /^refused/],
      ['an opaque origin (sandboxed frame, file://)', () => 'null', /^refused/],
      ['an Origin that is not a URL', () => 'not a url', /^refused/],
    ])('%s', async (_name, origin, expected) => {
      const o = origin();
      expect(await outcome(open.monitor.url, transport, o === undefined ? {} : { origin: o })).toMatch(expected);
    });
  });

  it('refuses a foreign page even when the browser sends a valid session cookie', async () => {
    const cookie = await signIn(closed.monitor.url, ALICE);
    expect(await outcome(closed.monitor.url, 'websocket', { cookie, origin: `http://127.0.0.1:${closed.monitor.port}` })).toBe('connected');
    for (const transport of ['polling', 'websocket'] as const) {
      expect(await outcome(closed.monitor.url, transport, { cookie, origin: 'http://evil.example' })).toMatch(/^refused/);
    }
  });
});

/** A GET with a Host header of our choosing, as a page on a rebound name would send it. */
function getWithHost(port: number, path: string, host: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: origin ? { host, origin } : { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DNS rebinding: a name that is not this loopback monitor\'s', () => {
  it('gets 403 with the reason from the API and the pages, while loopback names are served', async () => {
    const port = open.monitor.port;
    const rebound = await getWithHost(port, '/api/sagas', `evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: expect.stringContaining('SAGA_MONITOR_ALLOWED_HOSTS') });
    expect((await getWithHost(port, '/', `evil.example:${port}`)).status).toBe(403);
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) expect((await getWithHost(port, '/api/health', `${name}:${port}`)).status, name).toBe(200);
  });

  it('is refused on the live feed even with a matching Origin, naming the reason', async () => {
    const port = open.monitor.port;
    const handshake = `${SOCKET_PATH}/?EIO=4&transport=polling`;
    const rebound = await getWithHost(port, handshake, `evil.example:${port}`, `http://evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('this monitor does not answer to that host name');
    const own = await getWithHost(port, handshake, `localhost:${port}`, `http://localhost:${port}`);
    expect(own.status).toBe(200);
  });
});
