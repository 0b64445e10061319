import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/load-config';
import { parseServerEnv } from './env';
import { consoleLogger } from './logger';
import { startMonitor, type Monitor } from './monitor';

/** The port tried when PORT is unset; a busy one falls back to any free port. */
const DEFAULT_PORT = 3000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** Starts the monitor from the environment; with `exitOnError`, a bad config or env ends the process with code 1. */
export async function runMonitorFromEnv(env = process.env, dev = false): Promise<Monitor> {
  const log = consoleLogger();
  const e = parseServerEnv(env);
  // The override is applied before the config's own check of kafka.brokers, which names KAFKA_BROKERS in its errors.
  const config = loadConfig(path.resolve(e.configPath), { KAFKA_BROKERS: e.kafkaBrokers?.join(',') });
  const port = e.port ?? ((await portIsFree(DEFAULT_PORT, e.host)) ? DEFAULT_PORT : 0);
  const monitor = await startMonitor({ config, port, hostname: e.host, log, pages: { dev, dir: ROOT }, operators: e.operators, auditKey: e.auditKey, requireSignIn: e.requireSignIn, allowedHosts: e.allowedHosts });
  log.info(`watching ${config.sagas.map((s) => s.type).join(', ')} on ${config.kafka.brokers.join(',')}`);
  return monitor;
}

async function main(): Promise<void> {
  try {
    const monitor = await runMonitorFromEnv(process.env, process.argv.includes('--dev'));
    process.stdout.write(`Saga Monitor: ${monitor.url}\n`);
    const stop = () => void monitor.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    process.stderr.write(`saga-monitor: ${err instanceof ConfigError ? err.message : String((err as Error).message ?? err)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
