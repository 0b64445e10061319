// The monitor's clock a minute ahead of every producer's, on a real broker: /api/health says so with the figure, and
// stuck is judged on the records' clock, so the sagas in flight are not all raised stuck at once (README, Timestamps).
import { afterAll, expect, inject, it } from 'vitest';
import { CLOCK_MIN_SAGAS } from '../lib/saga/clock-check';
import { pollUntil } from '../lib/poll-until';
import { z } from 'zod';
import { StuckAlert } from '../lib/wire/socket';
import { badInputConfig, badInputTopics } from '../testing/bad-input/config';
import { ORDER_PLANS, sagaRecords } from '../testing/bad-input/saga-plans';
import { produceOnce } from '../testing/kafka/produce-once';
import { createTopics } from '../testing/kafka/test-client';
import { consumedAfter, getDetail, getHealth } from '../testing/monitor/health-probe';
import { uniquePrefix } from '../testing/monitor/test-config';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';

const brokers = inject('kafkaBrokers');
/** Far past the config's smallest step timeout (8 s), well inside the hour Kafka allows a record to be stamped ahead. */
const AHEAD_MS = 60_000;
/** The payment step's timeout in the config, which the waiting orders are judged by. */
const PAYMENT_TIMEOUT_MS = 8_000;

let m: Monitor | null = null;
afterAll(async () => {
  await m?.close();
});

it(`a monitor clock ${AHEAD_MS / 1_000} s ahead raises no stuck alert for sagas in flight and says so on /api/health`, async () => {
  const p = uniquePrefix('clock-ahead');
  await createTopics(brokers, badInputTopics(p));
  m = await startMonitor({ config: badInputConfig(brokers, p), port: 0, hostname: '127.0.0.1', log: silentLogger, now: () => Date.now() + AHEAD_MS });
  const url = m.url;
  await pollUntil('catch-up', async () => (await getHealth(url)).catchUp.done);

  // Traffic as it is written: sagas of many producers, all stamped by clocks a minute behind the monitor's.
  const done = Array.from({ length: CLOCK_MIN_SAGAS }, (_, i) => sagaRecords(p, `done-${i}`, ORDER_PLANS.completed, Date.now(), 1)).flat();
  const before = await getHealth(url);
  await produceOnce(brokers, done);
  await consumedAfter(url, before, done.length);

  // Orders waiting on payment since now, and one whose records are older than the payment's timeout by any clock.
  const sentAt = Date.now();
  const waiting = ['wait-1', 'wait-2', 'wait-3'];
  const records = [...waiting.flatMap((id) => sagaRecords(p, id, ORDER_PLANS.stuck, sentAt)), ...sagaRecords(p, 'old', ORDER_PLANS.stuck, sentAt - 30_000)];
  const fed = await getHealth(url);
  await produceOnce(brokers, records);
  await consumedAfter(url, fed, records.length);
  await pollUntil('the old order stuck', async () => (await getDetail(url, 'old'))?.status === 'stuck');
  for (const id of waiting) expect((await getDetail(url, id))?.status, id).toBe('in_progress');
  const alerts = z.object({ items: z.array(StuckAlert) }).parse(await (await fetch(`${url}/api/alerts`)).json());
  expect(alerts.items.map((a) => a.sagaId)).toEqual(['old']);
  const { clock } = await getHealth(url);
  expect(clock!.gapMs).toBeGreaterThan(AHEAD_MS - 1_000);
  expect(clock!.gapMs).toBeLessThan(AHEAD_MS + 5_000);
  expect(clock).toMatchObject({ sagas: CLOCK_MIN_SAGAS, limitMs: PAYMENT_TIMEOUT_MS, disagrees: true, judgedBehindMs: clock!.gapMs });

  // On the records' clock the waiting orders are due at their last record plus the timeout, and are raised then.
  const raised = await pollUntil('the waiting orders stuck on the records clock', async () => {
    const d = await Promise.all(waiting.map((id) => getDetail(url, id)));
    return d.every((x) => x?.status === 'stuck') ? d : undefined;
  }, PAYMENT_TIMEOUT_MS + 10_000);
  for (const d of raised) expect(d!.stuck!.since).toBe(sentAt + 10 + PAYMENT_TIMEOUT_MS);
});
