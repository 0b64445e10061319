// `npm run kafka`: a local single-node Kafka for development. Progress goes to stderr; stdout carries exactly one
// line, KAFKA_BROKERS=127.0.0.1:<port>, once clients are accepted.
import { startLocalKafka } from './local-kafka';

function portFromEnv(): number | undefined {
  const raw = process.env.KAFKA_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`KAFKA_PORT must be a TCP port, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const kafka = await startLocalKafka({
    port: portFromEnv(),
    onProgress: (line) => process.stderr.write(`[kafka] ${line}\n`),
  });
  process.stdout.write(`KAFKA_BROKERS=${kafka.brokers}\n`);
  process.stderr.write('[kafka] Ctrl-C stops the broker\n');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[kafka] ${signal}: stopping the broker\n`);
    kafka.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[kafka] stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const code = await kafka.exited;
  if (!stopping) {
    process.stderr.write(`[kafka] the broker exited on its own (code ${code}); see ${kafka.dataDir}/logs\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[kafka] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
