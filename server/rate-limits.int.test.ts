import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { SIGN_IN_ATTEMPTS_PER_MINUTE } from './auth/session-routes';
import { RATE_WINDOW_MS } from './http/rate-limit';
import { RETRIES_PER_WINDOW } from './retry/retry-routes';
import { ALICE, BOB, startGuardedMonitor, type GuardedMonitor } from '../testing/monitor/guarded-monitor';
import { readTopic } from '../testing/kafka/read-log';
import { BulkRetryAnswer } from '../lib/wire/rest';

/**
 * The limits hold: retries per operator per minute (a bulk request counts each saga, concurrent requests cannot race
 * past it), sign-in attempts per client address per minute (wrong bearer tokens count too, so the form's limit cannot
 * be walked around), each with a Retry-After, and each window ends on time. The monitor's clock is moved, not waited on.
 */
const brokers = inject('kafkaBrokers');
const STUCK = 3;
let g: GuardedMonitor;

beforeAll(async () => {
  g = await startGuardedMonitor(brokers, 'limits', STUCK);
}, 120_000);
afterAll(() => g?.monitor.close());
// Every test starts in a fresh window for every operator and address.
beforeEach(() => g.advance(RATE_WINDOW_MS));

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${g.monitor.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
/** A retry of the completed order: always a 409 once past the limiter, so it counts without publishing anything. */
const spend = (token: string) => post(`/api/sagas/${g.done}/retry`, {}, bearer(token)).then((r) => r.status);
const signInStatus = (token: string) => post('/api/session', { token }, {}).then((r) => r.status);
const plan = (token: string) => fetch(`${g.monitor.url}/api/sagas/${g.stuck[0]}/retry-plan`, { headers: bearer(token) });

function expectRetryAfter(res: Response): void {
  const s = Number(res.headers.get('retry-after'));
  expect(s).toBeGreaterThanOrEqual(1);
  expect(s).toBeLessThanOrEqual(RATE_WINDOW_MS / 1000);
}

describe('retries per operator', () => {
  it(`lets ${RETRIES_PER_WINDOW} of 100 concurrent requests through, no more`, async () => {
    const statuses = await Promise.all(Array.from({ length: 100 }, () => spend(ALICE)));
    expect(statuses.filter((s) => s === 409)).toHaveLength(RETRIES_PER_WINDOW);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - RETRIES_PER_WINDOW);
  });

  it('counts per operator, answers with Retry-After, and opens again when the window ends', async () => {
    for (let i = 0; i < RETRIES_PER_WINDOW; i++) await spend(ALICE);
    const refused = await post(`/api/sagas/${g.done}/retry`, {}, bearer(ALICE));
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    expect(((await refused.json()) as { error: string }).error).toMatch(/retry limit reached for alice/);
    expect(await spend(BOB)).toBe(409);
    g.advance(RATE_WINDOW_MS);
    expect(await spend(ALICE)).toBe(409);
  });

  it('counts every saga of a bulk retry, refuses a bulk that would pass the limit whole, and dry runs count nothing', async () => {
    const previews = [];
    for (let i = 0; i < 3; i++) {
      const r = await post('/api/retries', { max: RETRIES_PER_WINDOW, dryRun: true }, bearer(ALICE));
      expect(r.status).toBe(200);
      previews.push(BulkRetryAnswer.parse(await r.json()));
    }
    for (let i = 0; i < RETRIES_PER_WINDOW - 2; i++) await spend(ALICE);
    const tooMany = await post('/api/retries', { planId: previews[0].planId }, bearer(ALICE));
    expect(tooMany.status).toBe(429);
    expect(await readTopic(brokers, `${g.prefix}orders.retries`)).toEqual([]);
    const two = await post('/api/retries', { ids: g.stuck.slice(0, 2) }, bearer(ALICE));
    expect(two.status).toBe(202);
    expect(await readTopic(brokers, `${g.prefix}orders.retries`)).toHaveLength(2);
    expect(await spend(ALICE)).toBe(429);
    // The plan refused for the limit is still there once the window allows; it is used once.
    g.advance(RATE_WINDOW_MS);
    expect((await post('/api/retries', { planId: previews[0].planId }, bearer(ALICE))).status).toBe(202);
    expect((await post('/api/retries', { planId: previews[0].planId }, bearer(ALICE))).status).toBe(404);
  });
});

describe(`sign-in attempts per address (${SIGN_IN_ATTEMPTS_PER_MINUTE} a minute)`, () => {
  it('refuses the right token once the wrong ones spent the budget, then lets it in when the window ends', async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE; i++) expect(await signInStatus(`wrong-token-${i}-0123456789`)).toBe(401);
    const refused = await post('/api/session', { token: ALICE }, {});
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    g.advance(RATE_WINDOW_MS);
    expect(await signInStatus(ALICE)).toBe(200);
  });

  it('counts wrong bearer tokens as attempts: guessing through the API is refused too, before the token is checked', async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE; i++) expect((await plan(`wrong-token-${i}-0123456789`)).status).toBe(401);
    const refused = await plan(ALICE);
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    expect(await spend(BOB)).toBe(429);
    expect(await signInStatus(ALICE)).toBe(429);
    g.advance(RATE_WINDOW_MS);
    expect((await plan(ALICE)).status).toBe(200);
  });

  it('does not count a right bearer token: an API client may call as often as it likes', async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE * 3; i++) expect((await plan(ALICE)).status).toBe(200);
    expect(await signInStatus(ALICE)).toBe(200);
  });
});
