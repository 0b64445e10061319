/**
 * A monitor stopped while Kafka does not answer: the broker is frozen (SIGSTOP, so requests hang instead of failing
 * fast), and close() must still end, on its deadline, with a warning that names the consumer group it could not delete.
 * With a running broker the group is deleted, which the second test checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalKafka, type LocalKafka } from '../../scripts/local-kafka';
import type { Logger } from '../logger';
import { startMonitor, type Monitor } from '../monitor';
import { testKafka } from '../../testing/kafka/test-client';
import { pollUntil } from '../../lib/poll-until';
import { createDemoTopics, shippedConfig } from '../../testing/faults/fault-env';

/** Short, so the frozen broker's hung requests (30 s in kafkajs) outlast it by far. */
const DEADLINE_MS = 1_000;

let broker: LocalKafka;
let frozen = false;

beforeAll(async () => {
  broker = await startLocalKafka({ ephemeral: true });
  await createDemoTopics(broker.brokers);
}, 120_000);

afterAll(async () => {
  if (frozen) process.kill(broker.pid, 'SIGCONT');
  await broker?.stop();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`INFO ${m}`), warn: (m) => lines.push(`WARN ${m}`), error: (m) => lines.push(`ERROR ${m}`) };
}

async function connectedMonitor(log: Logger, kafkaStopDeadlineMs?: number): Promise<Monitor> {
  const { config } = shippedConfig(broker.brokers);
  const m = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log, kafkaStopDeadlineMs });
  await pollUntil('the monitor consuming', () => m.health().kafka.state === 'connected' && m.health().catchUp.done);
  return m;
}

async function groupsOf(prefix: string): Promise<string[]> {
  const admin = testKafka(broker.brokers).admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
}

describe('stopping the monitor', () => {
  it('deletes its consumer group when Kafka answers', async () => {
    const log = recordingLogger();
    const m = await connectedMonitor(log);
    const own = await pollUntil('its consumer group', async () => (await groupsOf('fault-test-'))[0]);
    await m.close();
    expect(log.lines.filter((l) => l.includes('while stopping'))).toEqual([]);
    expect(await groupsOf(own)).toEqual([]);
  }, 60_000);

  it('ends on its deadline when Kafka does not answer, naming the group it leaves behind', async () => {
    const log = recordingLogger();
    const m = await connectedMonitor(log, DEADLINE_MS);
    const own = await pollUntil('its consumer group', async () => (await groupsOf('fault-test-'))[0]);
    process.kill(broker.pid, 'SIGSTOP');
    frozen = true;
    await m.close();
    const warning = log.lines.find((l) => l.includes('while stopping'));
    expect(warning).toMatch(/^WARN kafka: no answer within 1 s while stopping/);
    expect(warning).toContain(`--group ${own}`);
    await expect(fetch(`${m.url}/api/health`)).rejects.toThrow();
    process.kill(broker.pid, 'SIGCONT');
    frozen = false;
  }, 60_000);
});
