import path from 'node:path';
import { loadConfig } from '../../server/config/load-config';
import { parseServerEnv } from '../../server/env';
import { consoleLogger } from '../../server/logger';
import { startMonitor } from '../../server/monitor';

/**
 * The production server without the pages, for load runs on a checkout that has no Next build yet: the same config,
 * environment, API and live feed as server/index.ts, only page requests get a 404. Prints the same start line.
 */
async function main(): Promise<void> {
  const log = consoleLogger();
  const e = parseServerEnv(process.env);
  const config = loadConfig(path.resolve(e.configPath), { KAFKA_BROKERS: e.kafkaBrokers?.join(',') });
  const monitor = await startMonitor({
    config,
    port: e.port ?? 0,
    hostname: e.host,
    log,
    pages: null,
    operators: e.operators,
    auditKey: e.auditKey,
    requireSignIn: e.requireSignIn,
  });
  process.stdout.write(`Saga Monitor: ${monitor.url}\n`);
  const stop = () => void monitor.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`saga-monitor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
