// Saga ids and event types that are missing, of the wrong type or unknown, on a real broker, one category at a time:
// what is rejected with which reason, what is accepted and how (README, Bad input).
import { describe, expect, it } from 'vitest';
import { JSON_ID_TOPIC, KEYED_TOPIC } from '../testing/bad-input/config';
import { aMinuteAgo, badInputHarness, samplesOf } from '../testing/bad-input/harness';
import { demoRecord, ORDER_PLANS, sagaRecords } from '../testing/bad-input/saga-plans';

const h = badInputHarness('bad-ids');

describe('bad saga ids and event types', () => {
  it('a null key is fine where the saga id is a header, and missing-saga-id where the id is the key', async () => {
    const noKeys = sagaRecords(h.prefix, 'nk-ok', ORDER_PLANS.completed, aMinuteAgo()).map((r) => ({ ...r, message: { ...r.message, key: null } }));
    const keyed = ['Begin', 'WorkStarted', 'WorkDone', 'End'].map((type) => h.raw(KEYED_TOPIC, JSON.stringify({ type }), {}, 'nk-keyed'));
    const bad = [h.raw(KEYED_TOPIC, '{"type":"Begin"}', {}, null), h.raw(KEYED_TOPIC, '{"type":"WorkDone"}', {}, '')];
    const r = await h.feed([...noKeys, ...keyed, ...bad]);
    expect(r.rejected).toEqual({ 'missing-saga-id': 2 });
    expect(r.applied).toBe(8 + 4);
    const ok = await h.detail('nk-ok');
    expect(ok.status).toBe('completed');
    expect(ok.events.every((e) => e.key === null)).toBe(true);
    expect(await h.detail('nk-keyed')).toMatchObject({ type: 'keyed', status: 'completed' });
  });

  it('a missing saga id (absent, empty, another header name, null or empty JSON field) is missing-saga-id', async () => {
    const bad = [
      h.raw('payment.events', JSON.stringify({ type: 'PaymentAuthorized', sagaId: 'ms-ok' })),
      h.raw('orders.requested', JSON.stringify({ type: 'OrderRequested' }), { 'saga-id': '' }),
      h.raw('orders.requested', JSON.stringify({ type: 'OrderRequested' }), { 'Saga-Id': 'ms-ok' }),
      h.raw('orders.failed', JSON.stringify({ type: 'OrderFailed' }), { sagaId: 'ms-ok' }),
      h.raw(JSON_ID_TOPIC, JSON.stringify({ type: 'Begin' })),
      h.raw(JSON_ID_TOPIC, JSON.stringify({ type: 'Begin', sagaId: null })),
      h.raw(JSON_ID_TOPIC, JSON.stringify({ type: 'Begin', sagaId: '' })),
    ];
    const r = await h.feed([...sagaRecords(h.prefix, 'ms-ok', ORDER_PLANS.completed, aMinuteAgo()), ...bad]);
    expect(r.rejected).toEqual({ 'missing-saga-id': 7 });
    expect(r.applied).toBe(8);
    expect(await h.detail('ms-ok')).toMatchObject({ status: 'completed', eventCount: 8 });
    expect(samplesOf(r.health, 'missing-saga-id').every((s) => /no saga id/.test(s.detail))).toBe(true);
  });

  it('wrong field types: a saga id that is not a string or number is invalid-saga-id; an event type that is not a string matches no rule', async () => {
    const bad = ['{}', '[1]', 'true', '1e400', '{"id":"x"}'].map((id) => h.raw(JSON_ID_TOPIC, `{"type":"Begin","sagaId":${id}}`));
    const odd = ['{"type":{},"sagaId":"wt-ok"}', '{"type":["PaymentAuthorized"]}', '{"type":true}', '"PaymentAuthorized"', '[1,2]'].map((v) =>
      h.raw('payment.events', v, { 'saga-id': 'wt-ok' }),
    );
    const plan = sagaRecords(h.prefix, 'wt-ok', ORDER_PLANS.completed, aMinuteAgo());
    const records = [
      ...plan,
      ...bad,
      ...odd,
      h.raw('orders.completed', '{"type":42}', { 'saga-id': 'wt-ok' }),
      h.raw(JSON_ID_TOPIC, '{"type":"Begin","sagaId":42}'),
      h.raw('orders.requested', '{"type":42}', { 'saga-id': 'wt-num' }),
    ];
    const r = await h.feed(records);
    expect(r.rejected).toEqual({ 'invalid-saga-id': 5 });
    expect(r.applied).toBe(8 + 6 + 2);
    const ok = await h.detail('wt-ok');
    expect(ok.status).toBe('completed');
    expect(ok.steps.find((s) => s.name === 'payment')).toMatchObject({ status: 'completed', attempts: 1 });
    const observed = ok.events.filter((e) => e.effect === 'observed');
    expect(observed.map((e) => e.eventType).sort()).toEqual(['42', null, null, null, null, null]);
    // A number is a valid id (as text); an event type read as a number is its text.
    expect(await h.detail('42')).toMatchObject({ type: 'json-id', status: 'in_progress' });
    expect((await h.detail('wt-num')).events[0]).toMatchObject({ effect: 'start', eventType: '42' });
    expect(samplesOf(r.health, 'invalid-saga-id').map((s) => s.detail)).toContain('the saga id is not a string or a number');
  });

  it('an unknown event type is kept on the timeline as observed and moves nothing; for an unseen saga id it opens the saga', async () => {
    const now = Date.now() - 2_000;
    const records = [
      ...sagaRecords(h.prefix, 'ut-ok', ORDER_PLANS.completed.slice(0, 3), now),
      demoRecord(h.prefix, 'ut-ok', 'PaymentAuthorized', now + 100, { type: 'PaymentTeleported' }),
      { ...demoRecord(h.prefix, 'ut-ok', 'OrderCompleted', now + 110, { type: 'OrderArchived' }) },
      demoRecord(h.prefix, 'ut-stray', 'PaymentAuthorized', now, { type: 'PaymentTeleported' }),
      h.raw(KEYED_TOPIC, '{"type":"Mystery"}', {}, 'ut-keyed'),
    ];
    const r = await h.feed(records);
    expect(r.rejected).toEqual({});
    expect(r.applied).toBe(7);
    const ok = await h.detail('ut-ok');
    expect(ok).toMatchObject({ status: 'in_progress', eventCount: 5 });
    expect(ok.steps.find((s) => s.name === 'payment')).toMatchObject({ status: 'completed', attempts: 1 });
    expect(ok.events.filter((e) => e.effect === 'observed').map((e) => e.eventType)).toEqual(['PaymentTeleported', 'OrderArchived']);
    expect(await h.detail('ut-stray')).toMatchObject({ type: 'order-fulfilment', status: 'in_progress', eventCount: 1, currentStep: null });
    expect((await h.detail('ut-keyed')).events[0]).toMatchObject({ effect: 'observed', eventType: 'Mystery' });
  });

  it('after all of it, the monitor answers and consumes, and the health page data shows every rejection by reason', async () => {
    await h.expectHealthPageShowsAll();
  });
});
