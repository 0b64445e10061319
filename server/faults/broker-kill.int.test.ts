/**
 * Issue 6, Faults: the broker is killed (SIGKILL) in the middle of a stream of about 2,000 records a second and
 * started again 5 s later, on the same port and data. The monitor runs in a process of its own, as in production,
 * and is never restarted. Its health must show the outage while it lasts, and once the stream is over its view must
 * equal the contract oracle computed from every record the log holds, every acknowledged record among them.
 *
 * FAULT_SAGAS (default 5000) and FAULT_WINDOW_MS (16000) size the stream; the rate is about 7.8 * sagas / window.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalKafka, type LocalKafka } from '../../scripts/local-kafka';
import { testKafka } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { waitConsumedTo } from '../../testing/faults/caught-up';
import { faultWorkload, SEQ_HEADER } from '../../testing/faults/fault-workload';
import { FAULT_MONITOR_START_MS, createDemoTopics, holdUntil, reportFigures, scratchDir, shippedConfig } from '../../testing/faults/fault-env';
import { envInt } from '../../testing/env-int';
import { watchHealth } from '../../testing/faults/health-watch';
import { API_ONLY_ENTRY, startMonitorProcess, type MonitorProcess } from '../../testing/monitor/monitor-process';
import { compareWithOracle, disagreements, NO_DISAGREEMENT } from '../../testing/faults/oracle-check';
import { producePaced } from '../../testing/faults/paced-producer';
import { endOffsets, readLog } from '../../testing/kafka/read-log';

const SEED = 6_001;
const SAGAS = envInt('FAULT_SAGAS', 5_000);
const WINDOW_MS = envInt('FAULT_WINDOW_MS', 16_000);
/** The broker dies this far into the stream: well inside the window at full rate. */
const KILL_AT_MS = Math.round(WINDOW_MS * 0.35);
/** The outage: the broker comes back this long after it died. */
const OUTAGE_MS = 5_000;
/** A dead broker must show on health within this; generous for a loaded 2-core machine, and far below the outage. */
const DETECT_TIMEOUT_MS = 4_500;
/** After the broker accepts clients again, the monitor must be reading within this. */
const RECOVER_TIMEOUT_MS = 30_000;

let broker: LocalKafka;
let monitor: MonitorProcess | undefined;

beforeAll(async () => {
  broker = await startLocalKafka({ ephemeral: true });
  await createDemoTopics(broker.brokers);
}, 120_000);

afterAll(async () => {
  await monitor?.stop();
  await broker?.stop();
});

describe('the broker killed mid-stream', () => {
  it('shows the outage, reconnects without a restart, and ends equal to the oracle', async () => {
    const { config, compiled } = shippedConfig(broker.brokers);
    monitor = await startMonitorProcess({ entry: API_ONLY_ENTRY, startTimeoutMs: FAULT_MONITOR_START_MS, config: { value: config, file: path.join(scratchDir('broker-kill'), 'config.json') } });
    const m = monitor;
    await pollUntil('the monitor connected', async () => (await m.health()).kafka.state === 'connected' && true);

    const w = faultWorkload(compiled, SEED, SAGAS, WINDOW_MS, Date.now());
    const kafka = testKafka(broker.brokers);
    const watch = watchHealth(m.health);
    const stream = producePaced(kafka, w.records);
    const dueAtKill = w.records.filter((r) => r.sendAt <= w.startAt + KILL_AT_MS).length;
    await pollUntil('the stream at full rate', () => stream.acked.size >= dueAtKill, 30_000);

    const killedAt = Date.now();
    broker.kill();
    await broker.exited;
    const seen = await pollUntil('health to show the outage', () => watch.first(killedAt, (s) => s.state === 'disconnected') ?? false, DETECT_TIMEOUT_MS);
    await holdUntil(killedAt + OUTAGE_MS);
    const restartedAt = Date.now();
    const during = watch.samples.filter((s) => s.at >= seen.at && s.at < restartedAt);
    await broker.restart();
    const readyAt = Date.now();
    const back = await pollUntil('health to show the monitor connected again', () => watch.first(readyAt, (s) => s.state === 'connected') ?? false, RECOVER_TIMEOUT_MS);

    await stream.done;
    const topics = compiled.topics;
    const ends = await endOffsets(kafka, topics);
    await waitConsumedTo(m.health, ends, 60_000);
    await watch.stop();
    const log = await readLog(kafka, topics);
    const agreement = await compareWithOracle(m.url, compiled, w.records, log);
    const inLog = new Set(log.map((r) => Number(r.headers[SEQ_HEADER])));
    const ackedMissing = [...stream.acked].filter((seq) => !inLog.has(seq)).length;
    const streamMs = w.records.at(-1)!.sendAt - w.startAt;
    const figures = {
      records: w.records.length,
      ratePerSecondInWindow: Math.round((w.records.filter((r) => r.sendAt - w.startAt <= WINDOW_MS).length / WINDOW_MS) * 1000),
      streamMs,
      outageSeenAfterMs: seen.at - killedAt,
      brokerDownMs: readyAt - killedAt,
      brokerStartMs: readyAt - restartedAt,
      reconnectedAfterBrokerReadyMs: back.at - readyAt,
      healthDuringOutage: [...new Set(during.map((s) => s.state))],
      lastErrorDuringOutage: during.at(-1)?.lastError ?? null,
      failedSends: stream.failedSends,
      acked: stream.acked.size,
      ackedMissing,
      ...agreement,
    };
    reportFigures('broker-kill', figures);
    if (process.env.MONITOR_DEBUG) process.stderr.write(m.logs.join('\n') + '\n');

    expect(m.alive(), 'the monitor process was never restarted').toBe(true);
    expect(during.length, 'health samples while the broker was down').toBeGreaterThan(0);
    expect(during.every((s) => s.state === 'disconnected'), `health while down: ${JSON.stringify(during.map((s) => s.state))}`).toBe(true);
    expect(during.at(-1)?.lastError ?? '').toMatch(/\S/);
    expect(stream.failedSends, 'the producer saw the outage too').toBeGreaterThan(0);
    expect(ackedMissing, 'acknowledged records missing from the log').toBe(0);
    expect(stream.acked.size).toBe(w.records.length);
    expect(agreement.differences, agreement.differences.join('\n')).toEqual([]);
    expect(disagreements(agreement)).toEqual(NO_DISAGREEMENT);
    expect(agreement.sagas).toBe(SAGAS);
  });
});
