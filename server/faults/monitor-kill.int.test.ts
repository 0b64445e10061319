/**
 * Issue 6, Faults: the monitor is killed (SIGKILL) in the middle of a stream of about 2,000 records a second, after an
 * operator retried a failed saga through it, and started again while the stream goes on. The new process rebuilds
 * its view from the topics: after catch-up it must equal the contract oracle computed from every record the log
 * holds, the retry must still be on the saga's timeline (read back from the audit topic), and asking for the same
 * retry again must answer with the first publish instead of publishing twice.
 *
 * FAULT_SAGAS (default 3800) and FAULT_WINDOW_MS (12000) size the stream.
 */
import { TEST_AUDIT_KEY } from '../../testing/monitor/test-config';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalKafka, type LocalKafka } from '../../scripts/local-kafka';
import { AuditRecord, RETRY_HEADERS } from '../../lib/retry/retry-wire';
import { SagaDetail, SagaListResponse } from '../../lib/wire/rest';
import { testKafka } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { waitConsumedTo } from '../../testing/faults/caught-up';
import { faultWorkload, type FaultRecord } from '../../testing/faults/fault-workload';
import { FAULT_MONITOR_START_MS, createDemoTopics, reportFigures, scratchDir, shippedConfig } from '../../testing/faults/fault-env';
import { envInt } from '../../testing/env-int';
import { API_ONLY_ENTRY, startMonitorProcess, type MonitorProcess } from '../../testing/monitor/monitor-process';
import { compareWithOracle, disagreements, NO_DISAGREEMENT } from '../../testing/faults/oracle-check';
import { producePaced } from '../../testing/faults/paced-producer';
import { endOffsets, readLog } from '../../testing/kafka/read-log';

const SEED = 6_002;
const SAGAS = envInt('FAULT_SAGAS', 3_800);
const WINDOW_MS = envInt('FAULT_WINDOW_MS', 12_000);
/** The retry is asked for this far into the stream, the kill comes later, the restart right after it. */
const RETRY_AT = 0.25;
const KILL_AT = 0.45;
const TOKEN = 'fault-test-operator-token';
const OPERATORS = { SAGA_MONITOR_OPERATORS: `alice:${TOKEN}`, SAGA_MONITOR_AUDIT_KEY: TEST_AUDIT_KEY };
const IDEMPOTENCY_KEY = 'monitor-kill-retry-1';
/** A saga's records all acknowledged this long ago: nothing of it is still on its way when the retry is asked for. */
const SETTLED_MS = 1_000;

let broker: LocalKafka;
const monitors: MonitorProcess[] = [];

beforeAll(async () => {
  broker = await startLocalKafka({ ephemeral: true });
  await createDemoTopics(broker.brokers);
}, 120_000);

afterAll(async () => {
  for (const m of monitors) await m.stop();
  await broker?.stop();
});

function retry(m: MonitorProcess, sagaId: string): Promise<Response> {
  return fetch(`${m.url}/api/sagas/${encodeURIComponent(sagaId)}/retry`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': IDEMPOTENCY_KEY },
    body: '{}',
  });
}

/**
 * A failed order that can be retried, whose every record was acknowledged a while ago and that the monitor has seen
 * finish (endedAt), so the retry comes after all it did: acknowledged is not yet consumed, and a failed order the
 * monitor has not seen finish may still turn compensating, which refuses the retry.
 */
async function settledFailedOrder(m: MonitorProcess, records: readonly FaultRecord[], acked: ReadonlySet<number>): Promise<string | false> {
  const page = SagaListResponse.parse(await (await fetch(`${m.url}/api/sagas?status=failed&limit=200`)).json());
  const cutoff = Date.now() - SETTLED_MS;
  for (const s of page.items) {
    if (s.type !== 'order-fulfilment' || s.endedAt === null) continue;
    const own = records.filter((r) => r.sagaId === s.id);
    const last = Math.max(...own.map((r) => r.sendAt));
    if (last > cutoff || own.some((r) => !acked.has(r.seq))) continue;
    // A saga with a reply still to come (sent after the window) would race the retry; take only finished stories.
    if (records.some((r) => r.sagaId === s.id && r.sendAt > Date.now())) continue;
    // Its OrderFailed (output topic) can be read before the failed step's reply (step topic): until the reply is read
    // the monitor sees no step to retry and refuses. The plan says whether a retry would go, without publishing.
    const plan = await fetch(`${m.url}/api/sagas/${encodeURIComponent(s.id)}/retry-plan`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (plan.status !== 200) continue;
    return s.id;
  }
  return false;
}

describe('the monitor killed mid-stream', () => {
  it('rebuilds a view equal to the oracle after a restart, and keeps the retry and its audit', async () => {
    // The retried order carries its OrderFailed: the fault is what follows the retry, so the type allows it.
    const { config, compiled } = shippedConfig(broker.brokers, (c) => {
      for (const s of c.sagas) if (s.retry) s.retry.afterFail = true;
    });
    const file = path.join(scratchDir('monitor-kill'), 'config.json');
    const first = await startMonitorProcess({ entry: API_ONLY_ENTRY, startTimeoutMs: FAULT_MONITOR_START_MS, config: { value: config, file }, env: OPERATORS });
    monitors.push(first);
    await pollUntil('the monitor connected', async () => (await first.health()).kafka.state === 'connected');

    const w = faultWorkload(compiled, SEED, SAGAS, WINDOW_MS, Date.now());
    const kafka = testKafka(broker.brokers);
    const stream = producePaced(kafka, w.records);
    const due = (share: number) => w.records.filter((r) => r.sendAt <= w.startAt + WINDOW_MS * share).length;

    await pollUntil('the stream a quarter through', () => stream.acked.size >= due(RETRY_AT), 30_000);
    const sagaId = await pollUntil('a settled failed order to retry', () => settledFailedOrder(first, w.records, stream.acked), 20_000);
    const asked = await retry(first, sagaId);
    expect(asked.status, await asked.clone().text()).toBe(202);
    const accepted = (await asked.json()) as { retryId: string; topic: string; partition: number; offset: string };
    await pollUntil('the retry on the saga timeline', async () => {
      const d = SagaDetail.parse(await (await fetch(`${first.url}/api/sagas/${encodeURIComponent(sagaId)}`)).json());
      return d.events.some((e) => e.effect === 'retry');
    });

    await pollUntil('the stream at the kill point', () => stream.acked.size >= due(KILL_AT), 30_000);
    const killedAt = Date.now();
    await first.kill();
    expect(first.alive()).toBe(false);
    const second = await startMonitorProcess({ entry: API_ONLY_ENTRY, startTimeoutMs: FAULT_MONITOR_START_MS, config: { value: config, file }, env: OPERATORS });
    monitors.push(second);
    const restartedAt = Date.now();
    await pollUntil('the restarted monitor connected', async () => (await second.health()).kafka.state === 'connected', 30_000);

    await stream.done;
    const ends = await endOffsets(kafka, compiled.topics);
    const caught = Date.now();
    await waitConsumedTo(second.health, ends, 60_000);
    const catchUpMs = Date.now() - caught;

    const again = await retry(second, sagaId);
    expect([200, 202], await again.clone().text()).toContain(again.status);
    const repeated = (await again.json()) as typeof accepted;
    expect(repeated, 'the same retry asked again after the restart').toEqual(accepted);

    const auditTopic = config.auditTopic;
    const log = await readLog(kafka, compiled.topics);
    const audit = await readLog(kafka, [auditTopic]);
    const resent = log.filter((r) => r.headers[RETRY_HEADERS.id] !== undefined);
    const published = audit.map((r) => AuditRecord.parse(JSON.parse(r.value ?? ''))).filter((a) => a.type === 'RetryPublished');
    const detail = SagaDetail.parse(await (await fetch(`${second.url}/api/sagas/${encodeURIComponent(sagaId)}`)).json());
    const agreement = await compareWithOracle(second.url, compiled, w.records, log, audit);

    reportFigures('monitor-kill', {
      records: w.records.length,
      ratePerSecondInWindow: Math.round((w.records.filter((r) => r.sendAt - w.startAt <= WINDOW_MS).length / WINDOW_MS) * 1000),
      killedAfterMs: killedAt - w.startAt,
      restartToServingMs: restartedAt - killedAt,
      catchUpAfterStreamMs: catchUpMs,
      resentRecords: resent.length,
      retryPublishedTo: `${accepted.topic}/${accepted.partition}/${accepted.offset}`,
      ...agreement,
    });

    // Orders retry by a command on a topic of its own (the shipped config); the retry id must be on exactly one record.
    const commands = (await readLog(kafka, [accepted.topic])).filter((r) => r.value?.includes(accepted.retryId) || r.headers[RETRY_HEADERS.id] === accepted.retryId);
    expect(commands.length, 'records published for the retry, also after it was asked again').toBe(1);
    expect(published.map((a) => a.retryId)).toEqual([accepted.retryId]);
    expect(detail.events.filter((e) => e.effect === 'retry').length, 'the retry on the timeline after the restart').toBeGreaterThan(0);
    expect(agreement.differences, agreement.differences.join('\n')).toEqual([]);
    expect(disagreements(agreement)).toEqual(NO_DISAGREEMENT);
    expect(agreement.sagas).toBe(SAGAS);
  });
});
