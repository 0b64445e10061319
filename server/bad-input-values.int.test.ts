// Bad record values on a real broker, one category at a time: invalid JSON, binary, empty values and tombstones,
// values near and past the broker's 1 MB limit, junk on the audit topic. Each is counted by its reason, and the valid
// sagas around them end exactly where the contract says (README, Bad input).
import { AUDIT_SIGNATURE_HEADER } from '../lib/retry/retry-wire';
import { TEST_AUDIT_KEY } from '../testing/monitor/test-config';
import { signAudit } from './retry/audit-signature';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_CHARS_KEPT } from '../lib/saga/classify';
import { JSON_ID_TOPIC, KEYED_TOPIC } from '../testing/bad-input/config';
import { aMinuteAgo, badInputHarness, samplesOf } from '../testing/bad-input/harness';
import { getDetail } from '../testing/monitor/health-probe';
import { testKafka } from '../testing/kafka/test-client';
import { demoRecord, ORDER_PLANS, sagaRecords, type TopicMessage } from '../testing/bad-input/saga-plans';

const h = badInputHarness('bad-values');

describe('bad record values', () => {
  it('invalid JSON: each record is rejected as invalid-json, the saga it names is untouched', async () => {
    const invalid = ['{not json', '{"type":"OrderRequested"', 'OrderRequested', "{'type':'OrderRequested'}", '{"type":"OrderRequested"}}', '   ', 'NaN', '{"a":undefined}', '\u0000{}', '[1,2', '<order type="OrderRequested"/>', '{"type":"Paym\u00e9nt",}'];
    const topics = ['orders.requested', 'payment.events', 'orders.completed'];
    const bad = [
      ...invalid.map((v, i) => h.raw(topics[i % topics.length], v, { 'saga-id': 'ij-ok' })),
      h.raw(KEYED_TOPIC, '{"type":"Begin"', {}, 'ij-keyed'),
      h.raw(JSON_ID_TOPIC, '{"type":"Begin","sagaId":"ij-json"'),
    ];
    const r = await h.feed([...sagaRecords(h.prefix, 'ij-ok', ORDER_PLANS.completed, aMinuteAgo()), ...bad]);
    expect(r.rejected).toEqual({ 'invalid-json': 14 });
    expect(r.applied).toBe(8);
    expect(await h.detail('ij-ok')).toMatchObject({ status: 'completed', eventCount: 8 });
    expect(await getDetail(h.monitor().url, 'ij-keyed')).toBeUndefined();
    const samples = samplesOf(r.health, 'invalid-json');
    for (const b of bad) {
      expect(samples).toContainEqual(expect.objectContaining({ topic: b.topic, valuePreview: b.message.value, detail: expect.stringMatching(/not valid JSON/) }));
    }
  });

  it('binary values are invalid-json; binary keys and headers become distinct hex ids', async () => {
    const bad = [
      Buffer.from([0x00, 0x00, 0x00, 0x00, 0x2a, 0x0a, ...Buffer.from('bin-ok')]), // Confluent Avro framing
      Buffer.from([0x0a, 0x0e, ...Buffer.from('OrderRequested'), 0x12, 0x06, ...Buffer.from('bin-ok')]), // protobuf
      Buffer.from([0xff, 0xfe, 0x00, 0x81]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"type":"OrderRequested"}', 'utf16le')]),
      gzipSync('{"type":"OrderRequested"}'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(Array.from({ length: 64 }, (_, i) => (i === 0 ? 0xff : (i * 37 + 11) % 256))),
    ].map((v, i) => h.raw(i % 2 ? 'payment.events' : 'orders.requested', v, { 'saga-id': 'bin-ok' }));
    const valid = sagaRecords(h.prefix, 'bin-ok', ORDER_PLANS.completed, aMinuteAgo());
    valid[0].message.key = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const ids = [
      h.raw(KEYED_TOPIC, '{"type":"Begin"}', {}, Buffer.from([0xff, 0x01])),
      h.raw(KEYED_TOPIC, '{"type":"Begin"}', {}, Buffer.from([0xfe, 0x01])),
      h.raw('orders.requested', '{"type":"OrderRequested"}', { 'saga-id': Buffer.from([0xc3, 0x28]) }),
    ];
    const r = await h.feed([...valid, ...bad, ...ids]);
    expect(r.rejected).toEqual({ 'invalid-json': 7 });
    expect(r.applied).toBe(8 + 3);
    const ok = await h.detail('bin-ok');
    expect(ok).toMatchObject({ status: 'completed', eventCount: 8 });
    expect(ok.events[0].key).toBe('0xdeadbeef');
    // Two keys that differ only in bytes that are not UTF-8 stay two sagas.
    expect((await h.detail('0xff01')).type).toBe('keyed');
    expect((await h.detail('0xfe01')).type).toBe('keyed');
    expect((await h.detail('0xc328')).type).toBe('order-fulfilment');
    const samples = samplesOf(r.health, 'invalid-json').filter((s) => s.key === 'k');
    expect(samples.length).toBeGreaterThanOrEqual(7);
    for (const s of samples) expect(s.valuePreview!.length).toBeLessThanOrEqual(200);
  });

  it('empty values and tombstones are empty-value', async () => {
    const bad = ['orders.requested', 'payment.events', KEYED_TOPIC, JSON_ID_TOPIC].flatMap((topic) => [
      h.raw(topic, '', { 'saga-id': 'ev-ok' }, 'ev-ok'),
      h.raw(topic, null, { 'saga-id': 'ev-ok' }, 'ev-ok'),
    ]);
    const r = await h.feed([...sagaRecords(h.prefix, 'ev-ok', ORDER_PLANS.completed, aMinuteAgo()), ...bad]);
    expect(r.rejected).toEqual({ 'empty-value': 8 });
    expect(r.applied).toBe(8);
    expect(await h.detail('ev-ok')).toMatchObject({ status: 'completed', eventCount: 8 });
    const previews = samplesOf(r.health, 'empty-value').map((s) => s.valuePreview);
    expect(previews.filter((v) => v === '')).toHaveLength(4);
    expect(previews.filter((v) => v === null)).toHaveLength(4);
  });

  it('a ~1 MB value: kept cut to 8 KiB when valid, rejected with a 200-character preview when not; past the broker limit refused at produce', async () => {
    const producer = testKafka(h.brokers).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    const tooLarge = h.raw('orders.requested', 'z'.repeat(1_100_000), { 'saga-id': 'big-ok' });
    await expect(producer.send({ topic: tooLarge.topic, messages: [tooLarge.message] })).rejects.toThrow(/larger than the max message size/);
    await producer.disconnect();

    const start = aMinuteAgo();
    const valid = sagaRecords(h.prefix, 'big-ok', ORDER_PLANS.completed, start);
    valid[0] = demoRecord(h.prefix, 'big-ok', 'OrderRequested', start, { pad: 'x'.repeat(1_000_000) });
    // One megabyte per request: the broker's limit applies to a whole batch.
    const r = await h.feed([valid[0]], [h.raw('orders.requested', `{${'y'.repeat(1_000_000)}`, { 'saga-id': 'big-ok' })], valid.slice(1));
    expect(r.rejected).toEqual({ 'invalid-json': 1 });
    expect(r.applied).toBe(8);
    const d = await h.detail('big-ok');
    expect(d.status).toBe('completed');
    expect(d.events[0]).toMatchObject({ eventType: 'OrderRequested', valueTruncated: true });
    expect(d.events[0].value).toHaveLength(MAX_VALUE_CHARS_KEPT);
    expect(samplesOf(r.health, 'invalid-json').find((s) => s.valuePreview?.startsWith('{yyy'))!.valuePreview).toHaveLength(200);
    // Neither answer carries the megabyte.
    expect((await (await fetch(`${h.monitor().url}/api/health`)).text()).length).toBeLessThan(100_000);
    expect((await (await fetch(`${h.monitor().url}/api/sagas/big-ok`)).text()).length).toBeLessThan(50_000);
  });

  it("junk on the monitor's own audit topic is counted (unsigned as unauthenticated-audit, signed as invalid-json) and changes no saga", async () => {
    const audit = (value: string | null, signed = true): TopicMessage => ({
      topic: `${h.prefix}saga-monitor.audit`,
      message: { key: 'au-x', value, headers: { 'saga-id': 'au-x', ...(signed ? { [AUDIT_SIGNATURE_HEADER]: signAudit(TEST_AUDIT_KEY, value ?? '') } : {}) } },
    });
    const r = await h.feed([audit('{not json'), audit('{"type":"RetryPublished","sagaId":"au-x"}'), audit(''), audit('{"type":"RetryPublished","sagaId":"au-x"}', false)]);
    expect(r.rejected).toEqual({ 'invalid-json': 3, 'unauthenticated-audit': 1 });
    expect(r.applied).toBe(0);
    expect(samplesOf(r.health, 'invalid-json').filter((s) => s.detail === 'not an audit record of this monitor')).toHaveLength(3);
    expect(await getDetail(h.monitor().url, 'au-x')).toBeUndefined();
  });

  it('after all of it, the monitor answers and consumes, and the health page data shows every rejection by reason', async () => {
    await h.expectHealthPageShowsAll();
  });
});
