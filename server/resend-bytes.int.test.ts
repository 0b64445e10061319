import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../lib/poll-until';
import { RETRY_HEADERS, RetryAccepted } from '../lib/retry/retry-wire';
import type { MonitorConfig } from '../lib/config/schema';
import { DEMO_TOPICS } from '../demo/topics';
import { produceOnce } from '../testing/kafka/produce-once';
import { readTopicBytes } from '../testing/kafka/read-log';
import { createTopics } from '../testing/kafka/test-client';
import { getDetail } from '../testing/monitor/health-probe';
import { demoConfig, TEST_AUDIT_KEY, uniquePrefix } from '../testing/monitor/test-config';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';

/**
 * A resend publishes the record as Kafka holds it: a trip request whose value has a byte that is not UTF-8 inside a
 * JSON string, a binary header and a header repeated is resent byte for byte, not as the text the monitor decoded.
 */
const brokers = inject('kafkaBrokers');
const PREFIX = uniquePrefix('bytes');
const TOKEN = 'bytes-operator-token-0123';
const TRIP = `trip-bytes-${Date.now().toString(36)}`;
const VALUE = Buffer.concat([Buffer.from(`{"type":"TripRequested","tripId":"${TRIP}","note":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
const BINARY = Buffer.from([0x00, 0xc3, 0x28, 0xff]);

let config: MonitorConfig;
let monitor: Monitor;

beforeAll(async () => {
  await createTopics(brokers, DEMO_TOPICS.map((t) => `${PREFIX}${t}`));
  config = demoConfig(brokers, PREFIX, (c) => {
    for (const s of c.sagas) for (const r of s.rules) if (r.triggers?.timeoutMs) r.triggers.timeoutMs = 1_000;
  });
  monitor = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log: silentLogger, operators: `alice:${TOKEN}`, auditKey: TEST_AUDIT_KEY });
  await pollUntil('the monitor caught up', () => monitor.health().catchUp.done);
  await produceOnce(brokers, [{ topic: `${PREFIX}trips.requested`, message: { key: TRIP, value: VALUE, headers: { 'saga-id': TRIP, trace: [Buffer.from('one'), Buffer.from('two')], bin: BINARY } } }]);
  await pollUntil('the trip stuck at its flight', async () => {
    const d = await getDetail(monitor.url, TRIP);
    if (d?.status === 'stuck') return true;
    throw new Error(`status ${d?.status}, health ${JSON.stringify(monitor.health().rejected.byReason)} clock ${JSON.stringify(monitor.health().clock)}`);
  }, 30_000);
}, 120_000);

afterAll(() => monitor?.close());

describe('resend keeps bytes', () => {
  it('publishes key, value and every header value as read, plus the retry headers', async () => {
    const res = await fetch(`${monitor.url}/api/sagas/${TRIP}/retry`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(res.status, await res.clone().text()).toBe(202);
    const accepted = RetryAccepted.parse(await res.json());
    const all = await readTopicBytes(brokers, `${PREFIX}trips.requested`);
    const copy = all.find((m) => m.headers?.[RETRY_HEADERS.id]?.toString() === accepted.retryId);
    expect(copy).toBeDefined();
    expect(copy!.key).toEqual(Buffer.from(TRIP));
    expect(copy!.value).toEqual(VALUE);
    expect(copy!.headers!.trace).toEqual([Buffer.from('one'), Buffer.from('two')]);
    expect(copy!.headers!.bin).toEqual(BINARY);
    expect(copy!.headers!['saga-id']?.toString()).toBe(TRIP);
    expect(copy!.headers![RETRY_HEADERS.by]?.toString()).toBe('alice');
  });
});
