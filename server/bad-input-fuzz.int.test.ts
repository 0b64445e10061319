// Ten thousand seeded random records (random bytes, random JSON shapes, truncated records, empty values, tombstones)
// shuffled among valid sagas on a real broker: the monitor keeps answering and consuming, counts every rejection by
// the reason the contract gives it, and every valid saga ends in exactly its expected status.
// A failing run names its seed; BAD_INPUT_SEED=<seed> replays it.
import { afterAll, expect, inject, it } from 'vitest';
import { reasonRows } from '../lib/explain/reject-reasons';
import { mulberry32, shuffled } from '../testing/prng';
import { SagaListResponse, type SagaStatus } from '../lib/wire/rest';
import { silentLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';
import { REJECTED_SAMPLES_PER_REASON } from './store/rejected-log';
import { badInputConfig, badInputTopics } from '../testing/bad-input/config';
import { consumedAfter, getDetail, getHealth, rejectedDelta } from '../testing/monitor/health-probe';
import { junkRecords } from '../testing/bad-input/junk-records';
import { createTopics } from '../testing/kafka/test-client';
import { pollUntil } from '../lib/poll-until';
import { produceOnce } from '../testing/kafka/produce-once';
import { ORDER_PLANS, sagaRecords, TRIP_PLANS, type TopicMessage } from '../testing/bad-input/saga-plans';
import { uniquePrefix } from '../testing/monitor/test-config';
import { REJECT_REASONS } from '../lib/vocabulary';

const brokers = inject('kafkaBrokers');
const SEED = Number(process.env.BAD_INPUT_SEED ?? 20_261_125);
const JUNK_RECORDS = 10_000;
const ORDER_SAGAS = 200;
const TRIP_SAGAS = 100;
/** How often the API is asked while the records stream in: it must keep answering. */
const PROBE_INTERVAL_MS = 50;

let m: Monitor | null = null;
afterAll(async () => {
  await m?.close();
});

interface ValidSaga {
  id: string;
  status: SagaStatus;
  records: TopicMessage[];
}

function validSagas(prefix: string, now: number): ValidSaga[] {
  // Old enough that the unfinished ones are past their step timeouts, so "stuck" is exact too.
  const base = now - 30 * 60_000;
  const orders = (['completed', 'failed', 'compensated', 'stuck'] as const).map((s) => [s, ORDER_PLANS[s]] as const);
  const trips = (['completed', 'compensated', 'stuck'] as const).map((s) => [s, TRIP_PLANS[s]] as const);
  return [
    ...Array.from({ length: ORDER_SAGAS }, (_, i) => {
      const [status, plan] = orders[i % orders.length];
      return { id: `ok-o-${i}`, status, records: sagaRecords(prefix, `ok-o-${i}`, plan, base + i * 50, 20) };
    }),
    ...Array.from({ length: TRIP_SAGAS }, (_, i) => {
      const [status, plan] = trips[i % trips.length];
      return { id: `ok-t-${i}`, status, records: sagaRecords(prefix, `ok-t-${i}`, plan, base + i * 50 + 25, 20) };
    }),
  ];
}

it(`survives ${JUNK_RECORDS.toLocaleString('en')} random records among valid sagas and counts each by reason (seed ${SEED})`, async () => {
  const p = uniquePrefix('bad-fuzz');
  await createTopics(brokers, badInputTopics(p));
  m = await startMonitor({ config: badInputConfig(brokers, p), port: 0, hostname: '127.0.0.1', log: silentLogger });
  const url = m.url;
  const now = Date.now();
  const valid = validSagas(p, now);
  const junk = junkRecords(p, SEED, JUNK_RECORDS, { now, validIds: valid.map((v) => v.id) });
  const all = shuffled([...valid.flatMap((v) => v.records), ...junk], mulberry32(SEED + 1));
  const expectedReasons: Record<string, number> = {};
  for (const j of junk) if (j.expected !== 'accepted') expectedReasons[j.expected] = (expectedReasons[j.expected] ?? 0) + 1;
  const acceptedJunk = junk.filter((j) => j.expected === 'accepted').length;
  // Every reason a record can earn is exercised, and so is acceptance.
  expect(Object.keys(expectedReasons).sort()).toEqual(['empty-value', 'invalid-json', 'invalid-saga-id', 'missing-saga-id']);
  expect(acceptedJunk).toBeGreaterThan(500);

  const before = await getHealth(url);
  let answers = 0;
  const refusals: string[] = [];
  let streaming = true;
  const probing = (async () => {
    while (streaming) {
      for (const path of ['/api/health', '/api/sagas?limit=20', '/api/stats', '/api/alerts']) {
        const res = await fetch(`${url}${path}`);
        await res.arrayBuffer();
        if (res.status === 200) answers += 1;
        else refusals.push(`${path}: ${res.status}`);
      }
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
  })();
  await produceOnce(brokers, all);
  const h = await consumedAfter(url, before, all.length, 90_000);
  streaming = false;
  await probing;
  expect(refusals).toEqual([]);
  expect(answers).toBeGreaterThan(0);

  const seed = `seed ${SEED}`;
  expect(h.consumed - before.consumed, seed).toBe(all.length);
  expect(rejectedDelta(before, h), seed).toEqual(expectedReasons);
  expect(h.applied - before.applied, seed).toBe(acceptedJunk + valid.reduce((n, v) => n + v.records.length, 0));
  expect(h.kafka.state).toBe('connected');

  // Every valid saga, exactly: unfinished ones turn stuck within a deadline-queue tick.
  const want = new Map(valid.map((v) => [v.id, v.status]));
  const wrong = await pollUntil(
    'valid sagas in their expected status',
    async () => {
      const list = SagaListResponse.parse(await (await fetch(`${url}/api/sagas?q=ok-&limit=1000`)).json());
      const got = new Map(list.items.map((s) => [s.id, s.status]));
      const off = [...want].filter(([id, status]) => got.get(id) !== status).map(([id, status]) => `${id}: want ${status}, got ${got.get(id)}`);
      return off.length === 0 && list.total === want.size ? off : undefined;
    },
    10_000,
  ).catch((e: Error) => [e.message]);
  expect(wrong, seed).toEqual([]);
  const sample = (await getDetail(url, 'ok-o-2'))!;
  expect(sample.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
    ['payment', 'compensated', 1],
    ['inventory', 'failed', 1],
    ['shipping', 'pending', 0],
  ]);

  // What the health page shows: each reason with its count, and a bounded set of samples per reason.
  expect(reasonRows(h.rejected.byReason).map((r) => [r.reason, r.count])).toEqual(REJECT_REASONS.map((r) => [r, expectedReasons[r] ?? 0]));
  for (const reason of REJECT_REASONS) {
    const n = h.rejected.samples.filter((s) => s.reason === reason).length;
    if (expectedReasons[reason]) expect(n, reason).toBe(REJECTED_SAMPLES_PER_REASON);
    else expect(n, reason).toBe(0);
  }
  expect(h.rejected.samples.every((s) => s.valuePreview === null || s.valuePreview.length <= 200)).toBe(true);

  // Still consuming: a saga produced afterwards completes.
  const after = await getHealth(url);
  await produceOnce(brokers, sagaRecords(p, 'ok-after', ORDER_PLANS.completed, Date.now() - 1_000));
  await consumedAfter(url, after, ORDER_PLANS.completed.length);
  expect((await getDetail(url, 'ok-after'))?.status).toBe('completed');
});
