import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SOCKET_PATH } from '../lib/wire/socket';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { SESSION_TTL_MS } from './auth/sessions';
import { signIn } from '../testing/monitor/guarded-monitor';
import { createTopics } from '../testing/kafka/test-client';
import { demoConfig, uniquePrefix } from '../testing/monitor/test-config';

/** With SAGA_MONITOR_REQUIRE_SIGN_IN, viewing needs an operator too: the API and the live feed. */
const brokers = inject('kafkaBrokers');
const TOKEN = 'viewer-token-0123456789';
let monitor: Monitor;

beforeAll(async () => {
  const p = uniquePrefix('signin');
  await createTopics(brokers, [`${p}orders.requested`]);
  monitor = await startMonitor({ config: demoConfig(brokers, p), port: 0, hostname: '127.0.0.1', log: silentLogger, operators: `carol:${TOKEN}`, requireSignIn: true });
}, 60_000);
afterAll(() => monitor?.close());

function socketOutcome(cookie?: string): Promise<string> {
  const s = connect(monitor.url, { path: SOCKET_PATH, transports: ['polling'], reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  return new Promise((resolve) => {
    s.on('connect', () => (s.close(), resolve('connected')));
    s.on('connect_error', (e) => (s.close(), resolve(`refused: ${e.message}`)));
  });
}

/** A live feed on the websocket transport, connected with the session cookie; rejects when refused. */
async function openFeed(url: string, cookie: string): Promise<ReturnType<typeof connect>> {
  const s = connect(url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    s.on('connect', () => resolve());
    s.on('connect_error', (e) => (s.close(), reject(e)));
  });
  return s;
}

describe('viewing closed to non-operators', () => {
  it('answers 401 to the API without credentials and 200 with them; the session endpoint stays open', async () => {
    expect((await fetch(`${monitor.url}/api/sagas`)).status).toBe(401);
    expect((await fetch(`${monitor.url}/api/health`)).status).toBe(401);
    expect((await fetch(`${monitor.url}/api/sagas`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const session = (await (await fetch(`${monitor.url}/api/session`)).json()) as { signInRequired: boolean; operator: string | null };
    expect(session).toMatchObject({ signInRequired: true, operator: null });
  });

  it('refuses the live feed until signed in', async () => {
    expect(await socketOutcome()).toMatch(/^refused/);
    const res = await fetch(`${monitor.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    expect(await socketOutcome(cookie)).toBe('connected');
    expect((await fetch(`${monitor.url}/api/sagas`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('signing out', () => {
  it('closes the live feed the session opened, and the API answers 401 again', async () => {
    const cookie = await signIn(monitor.url, TOKEN);
    const s = await openFeed(monitor.url, cookie);
    try {
      const closed = new Promise<string>((resolve) => s.on('disconnect', (reason) => resolve(reason)));
      expect((await fetch(`${monitor.url}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
      // The server closed it: socket.io reports that as "io server disconnect", unlike a transport failure.
      expect(await closed).toBe('io server disconnect');
      expect((await fetch(`${monitor.url}/api/sagas`, { headers: { cookie } })).status).toBe(401);
      expect(await socketOutcome(cookie)).toMatch(/^refused/);
    } finally {
      s.close();
    }
  });
});

describe('a session that expires', () => {
  it('has its live feed closed by the sweep, without anyone signing out', async () => {
    const p = uniquePrefix('expiry');
    await createTopics(brokers, [`${p}orders.requested`]);
    const clock = { offset: 0 };
    const m = await startMonitor({
      config: demoConfig(brokers, p),
      port: 0,
      hostname: '127.0.0.1',
      log: silentLogger,
      operators: `carol:${TOKEN}`,
      requireSignIn: true,
      now: () => Date.now() + clock.offset,
      sessionSweepMs: 100,
    });
    try {
      const live = await openFeed(m.url, await signIn(m.url, TOKEN));
      try {
        const closed = new Promise<string>((resolve) => live.on('disconnect', (reason) => resolve(reason)));
        // Three sweeps within the session leave it open: the sweep closes only what expired.
        await new Promise((r) => setTimeout(r, 300));
        expect(live.connected).toBe(true);
        clock.offset = SESSION_TTL_MS + 1;
        expect(await closed).toBe('io server disconnect');
      } finally {
        live.close();
      }
    } finally {
      await m.close();
    }
  });
});
