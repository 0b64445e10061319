import { DEMO_TOPICS } from '../../demo/topics';
import { silentLogger } from '../../server/logger';
import { startMonitor, type Monitor } from '../../server/monitor';
import { getDetail } from './health-probe';
import { createTopics } from '../kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { produceOnce } from '../kafka/produce-once';
import { ORDER_PLANS, sagaRecords } from '../bad-input/saga-plans';
import { demoConfig, TEST_AUDIT_KEY, uniquePrefix } from './test-config';

/** Operators of the guarded monitors; tokens long enough for parseOperators. */
export const ALICE = 'alice-token-0123456789';
export const BOB = 'bob-token-0123456789';

export interface GuardedMonitor {
  monitor: Monitor;
  prefix: string;
  /** Moves the monitor's clock forward: session expiry and rate-limit windows without waiting. */
  advance(ms: number): void;
  stuck: string[];
  done: string;
}

/**
 * A monitor with two operators and a clock the test moves, reading `stuckCount` stuck orders (command-mode retries go
 * to `<prefix>orders.retries`) and one completed order, produced before it starts.
 */
export async function startGuardedMonitor(brokers: string, name: string, stuckCount: number, opts: { requireSignIn?: boolean } = {}): Promise<GuardedMonitor> {
  const prefix = uniquePrefix(name);
  await createTopics(brokers, DEMO_TOPICS.map((t) => `${prefix}${t}`));
  const old = Date.now() - 10 * 60_000;
  const stuck = Array.from({ length: stuckCount }, (_, i) => `${name}-stuck-${i}`);
  const done = `${name}-done`;
  await produceOnce(brokers, [...stuck.flatMap((id) => sagaRecords(prefix, id, ORDER_PLANS.stuck, old)), ...sagaRecords(prefix, done, ORDER_PLANS.completed, old)]);
  let skew = 0;
  const monitor = await startMonitor({
    config: demoConfig(brokers, prefix),
    port: 0,
    hostname: '127.0.0.1',
    log: silentLogger,
    operators: `alice:${ALICE},bob:${BOB}`,
    auditKey: TEST_AUDIT_KEY,
    requireSignIn: opts.requireSignIn ?? false,
    now: () => Date.now() + skew,
  });
  // Retries are refused while the monitor catches up.
  await pollUntil('the monitor to catch up', () => monitor.health().catchUp.done);
  if (!opts.requireSignIn) {
    await pollUntil('stuck orders stuck and the other completed', async () => {
      const all = await Promise.all([...stuck, done].map((id) => getDetail(monitor.url, id)));
      return all.every((d, i) => d?.status === (i < stuck.length ? 'stuck' : 'completed'));
    });
  }
  return { monitor, prefix, advance: (ms) => void (skew += ms), stuck, done };
}

export async function signIn(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}
