// Records at odd times and in odd numbers, on a real broker: timestamps far in the future or past or missing,
// records produced twice, records arriving newest first. None is rejected; what each does is asserted and documented
// (README, Bad input).
import { describe, expect, it } from 'vitest';
import { aMinuteAgo, badInputHarness } from '../testing/bad-input/harness';
import { getDetail } from '../testing/monitor/health-probe';
import { testKafka } from '../testing/kafka/test-client';
import { pollUntil } from '../lib/poll-until';
import { demoRecord, ORDER_PLANS, sagaRecords, TRIP_PLANS, type TopicMessage } from '../testing/bad-input/saga-plans';

const h = badInputHarness('bad-time', { futureTolerant: ['payment.events'] });
const YEAR_MS = 365 * 24 * 3600_000;

describe('odd times, duplicates, odd order', () => {
  it('timestamps: far future is refused by the broker (or, where allowed, delays stuck); far past and missing ones are taken as they are', async () => {
    const now = Date.now();
    const producer = testKafka(h.brokers).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    const far = demoRecord(h.prefix, 'ts-refused', 'OrderRequested', now + 2 * 3600_000);
    await expect(producer.send({ topic: far.topic, messages: [far.message] })).rejects.toThrow(/timestamp/i);
    await producer.disconnect();

    const future = [
      demoRecord(h.prefix, 'ts-future', 'OrderRequested', now - 20_000),
      demoRecord(h.prefix, 'ts-future', 'AuthorizePayment', now - 19_990),
      demoRecord(h.prefix, 'ts-future', 'PaymentAuthorized', now + 10 * YEAR_MS),
    ];
    expect(future[2].topic).toBe(`${h.prefix}payment.events`);
    const r = await h.feed([
      ...future,
      ...sagaRecords(h.prefix, 'ts-1970', ORDER_PLANS.completed, 0),
      ...sagaRecords(h.prefix, 'ts-old-open', ORDER_PLANS.stuck, now - 10 * YEAR_MS),
      ...sagaRecords(h.prefix, 'ts-none', ORDER_PLANS.stuck, -1, 0),
      ...sagaRecords(h.prefix, 'ts-skew', ORDER_PLANS.completed.slice(0, 7), now - 5_000),
      demoRecord(h.prefix, 'ts-skew', 'OrderCompleted', now - 10 * YEAR_MS),
    ]);
    expect(r.rejected).toEqual({});
    expect(r.applied).toBe(3 + 8 + 2 + 2 + 8);
    expect(await getDetail(h.monitor().url, 'ts-refused')).toBeUndefined();
    // The future reply is believed: the saga waits on inventory from that time on, so it cannot be stuck before it.
    const fut = await h.detail('ts-future');
    expect(fut).toMatchObject({ status: 'in_progress', updatedAt: now + 10 * YEAR_MS, stuck: null });
    expect(fut.steps.find((s) => s.name === 'payment')!.status).toBe('completed');
    expect(await h.detail('ts-1970')).toMatchObject({ status: 'completed', startedAt: 0, endedAt: 70, durationMs: 70 });
    // Old records of an unfinished saga: stuck at once, since its last record plus the step's timeout.
    const old = await pollUntil('old saga stuck', async () => ((await h.detail('ts-old-open')).status === 'stuck' ? h.detail('ts-old-open') : undefined));
    expect(old.stuck).toMatchObject({ since: now - 10 * YEAR_MS + 10 + 8_000, step: 'payment' });
    const none = await pollUntil('saga without timestamps stuck', async () => ((await h.detail('ts-none')).status === 'stuck' ? h.detail('ts-none') : undefined));
    expect(none).toMatchObject({ startedAt: -1, stuck: { since: -1 + 8_000 } });
    // A completion stamped before its start (a producer's clock far behind) still completes the saga.
    expect((await h.detail('ts-skew')).status).toBe('completed');
  });

  it('duplicates: a record produced twice is two records; statuses hold, and a repeated command counts as another attempt', async () => {
    const once = sagaRecords(h.prefix, 'dup-ok', ORDER_PLANS.completed, aMinuteAgo());
    const failed = sagaRecords(h.prefix, 'dup-failed', ORDER_PLANS.failed, aMinuteAgo());
    const r = await h.feed([...once, ...once, ...failed, ...failed]);
    expect(r.rejected).toEqual({});
    expect(r.applied).toBe(16 + 8);
    const d = await h.detail('dup-ok');
    expect(d).toMatchObject({ status: 'completed', eventCount: 16 });
    expect(d.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
      ['payment', 'completed', 2],
      ['inventory', 'completed', 2],
      ['shipping', 'completed', 2],
    ]);
    expect(d.events.map((e) => e.eventType)).toEqual(ORDER_PLANS.completed.flatMap((t) => [t, t]));
    expect(await h.detail('dup-failed')).toMatchObject({ status: 'failed', eventCount: 8, currentStep: 'payment' });
  });

  it('out-of-order: records that arrive newest first end in the same state as in order', async () => {
    const order = sagaRecords(h.prefix, 'ooo-order', ORDER_PLANS.completed, aMinuteAgo());
    const trip = sagaRecords(h.prefix, 'ooo-trip', TRIP_PLANS.compensated, aMinuteAgo());
    const comp = sagaRecords(h.prefix, 'ooo-comp', ORDER_PLANS.compensated, aMinuteAgo());
    // One send per step, newest first, each consumed before the next is sent.
    for (let i = 0; i < 8; i++) {
      const batch = [order, trip, comp].map((plan) => plan[plan.length - 1 - i]).filter((x): x is TopicMessage => x !== undefined);
      const r = await h.feed(batch);
      expect(r.rejected).toEqual({});
    }
    const o = await h.detail('ooo-order');
    expect(o.status).toBe('completed');
    expect(o.events.map((e) => e.eventType)).toEqual([...ORDER_PLANS.completed]);
    expect(o.steps.every((s) => s.status === 'completed' && s.attempts === 1)).toBe(true);
    const t = await h.detail('ooo-trip');
    expect(t.status).toBe('compensated');
    expect(t.steps.map((s) => [s.name, s.status])).toEqual([
      ['flight', 'compensated'],
      ['hotel', 'failed'],
      ['car', 'pending'],
    ]);
    const c = await h.detail('ooo-comp');
    expect(c.status).toBe('compensated');
    expect(c.steps.map((s) => [s.name, s.status])).toEqual([
      ['payment', 'compensated'],
      ['inventory', 'failed'],
      ['shipping', 'pending'],
    ]);
  });

  it('after all of it, the monitor answers and consumes, and the health page data shows every rejection by reason', async () => {
    await h.expectHealthPageShowsAll();
  });
});
