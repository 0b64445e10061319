import { Kafka, logLevel } from 'kafkajs';
import { pollUntil } from '../../lib/poll-until';

/** A cold JVM on two cores serves clients in 5-15 s; a restart after SIGKILL also recovers its logs first. */
const READY_TIMEOUT_MS = 90_000;

/** A JVM that accepts connections but is still starting can leave a request unanswered; kafkajs would wait 30 s. */
const PROBE_REQUEST_TIMEOUT_MS = 5_000;

const PROBE_INTERVAL_MS = 250;

const PROBE_GROUP = 'local-kafka-ready-probe';

async function describeCluster(brokers: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'local-kafka-ready-probe',
    brokers: [brokers],
    requestTimeout: PROBE_REQUEST_TIMEOUT_MS,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return false;
    // Finding a group coordinator creates __consumer_offsets on first start and waits out its loading after a
    // crash, so the first consumer group joins at once instead of crashing on COORDINATOR_NOT_AVAILABLE.
    await admin.describeGroups([PROBE_GROUP]);
    return true;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Resolves once kafkajs' describeCluster succeeds; rejects as soon as `exited` settles (the JVM died) or at the
 * deadline, with `explain()` (the log's tail) in the message.
 */
export async function waitUntilReady(
  brokers: string,
  exited: Promise<number | null>,
  explain: () => string,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  try {
    await pollUntil(
      `Kafka at ${brokers} to accept clients`,
      async () => {
        if (exitCode !== undefined) return true;
        return describeCluster(brokers);
      },
      READY_TIMEOUT_MS,
      PROBE_INTERVAL_MS,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- broker log tail ---\n${explain()}`);
  }
  if (exitCode !== undefined) {
    throw new Error(`Kafka exited with code ${exitCode} before accepting clients\n--- broker log tail ---\n${explain()}`);
  }
}
