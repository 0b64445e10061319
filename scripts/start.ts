import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../server/config/load-config';
import { parseServerEnv } from '../server/env';
import { runMonitorFromEnv } from '../server/index';
import type { Monitor } from '../server/monitor';
import { buildIfNeeded } from './build-if-needed';
import { startLocalKafka, type LocalKafka } from './local-kafka';

/**
 * `npm start`: with KAFKA_BROKERS set, monitors that cluster. Without it, starts a local Kafka and the demo saga
 * system (as a child process: it is the monitored system, not part of the monitor) and monitors those.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Time the demo gets to stop its clients before it is killed. */
const DEMO_STOP_MS = 10_000;

const say = (line: string) => process.stderr.write(`saga-monitor: ${line}\n`);

function startDemo(brokers: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'demo', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: brokers },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) say(`the demo saga system exited with code ${code}`);
  });
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_STOP_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** `<dataDir>/audit.key`, created with a random key on first use, readable by its owner only. */
function localAuditKeyFile(dataDir: string): string {
  const file = path.join(dataDir, 'audit.key');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return file;
}

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  let kafka: LocalKafka | null = null;
  let demo: ChildProcess | null = null;
  let monitor: Monitor | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await monitor?.close().catch(() => {});
    if (demo) await stopChild(demo);
    await kafka?.stop().catch(() => {});
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    if (!dev) await buildIfNeeded(ROOT, say);
    if (!parseServerEnv(process.env).kafkaBrokers) {
      say('KAFKA_BROKERS is not set: starting a local Kafka and the demo saga system');
      const port = process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : undefined;
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
        throw new ConfigError(`KAFKA_PORT must be a port number, got "${process.env.KAFKA_PORT}"`);
      }
      kafka = await startLocalKafka({ port, dataDir: process.env.KAFKA_DATA_DIR || undefined, onProgress: (l) => say(`kafka: ${l}`) });
      say(`local Kafka ready: KAFKA_BROKERS=${kafka.brokers}`);
      process.env.KAFKA_BROKERS = kafka.brokers;
      // The local cluster's audit records are signed with a key kept beside its data, so they verify after a restart.
      if (!process.env.SAGA_MONITOR_AUDIT_KEY && !process.env.SAGA_MONITOR_AUDIT_KEY_FILE) process.env.SAGA_MONITOR_AUDIT_KEY_FILE = localAuditKeyFile(kafka.dataDir);
      demo = startDemo(kafka.brokers);
    }
    monitor = await runMonitorFromEnv(process.env, dev);
    process.stdout.write(`\nSaga Monitor is running: ${monitor.url}\n\n`);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    await stop(1);
  }
}

void main();
