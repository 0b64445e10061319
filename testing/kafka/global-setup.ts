// vitest globalSetup of the integration project: one Kafka for the whole run, handed to tests as
// inject('kafkaBrokers'). TEST_KAFKA_BROKERS points the run at an existing Kafka instead.
import type { TestProject } from 'vitest/node';
import { startLocalKafka } from '../../scripts/local-kafka';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.TEST_KAFKA_BROKERS;
  if (external) {
    project.provide('kafkaBrokers', external);
    return undefined;
  }
  const kafka = await startLocalKafka({
    ephemeral: true,
    onProgress: (line) => process.stderr.write(`[kafka] ${line}\n`),
  });
  project.provide('kafkaBrokers', kafka.brokers);
  return async () => {
    await kafka.stop();
  };
}
