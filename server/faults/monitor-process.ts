import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MonitorConfig } from '../../lib/config/schema';
import { HealthResponse } from '../../lib/wire/rest';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'monitor-child.ts');
/** tsx compiles the server on start; on a busy 2-core machine that takes seconds. This only bounds a broken start. */
const START_TIMEOUT_MS = 60_000;
/** A clean stop disconnects the consumer and deletes its group: a few seconds, more and it is hung. */
const STOP_TIMEOUT_MS = 15_000;
/** Log lines kept for assertions and failure messages. */
const MAX_LOG_LINES = 2_000;

export interface MonitorProcess {
  url: string;
  pid: number;
  /** Every line the monitor logged so far (stderr), oldest first. */
  logs: string[];
  health(): Promise<HealthResponse>;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop), SIGKILL past a timeout. */
  stop(): Promise<void>;
  /** True while the process runs: a restart of the monitor would change the pid and end this one. */
  alive(): boolean;
}

/** Writes `config` to `file` and runs the monitor on it in a child Node process. */
export async function startMonitorProcess(config: MonitorConfig, file: string, env: Record<string, string> = {}): Promise<MonitorProcess> {
  writeFileSync(file, JSON.stringify(config, null, 2));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: path.resolve(path.dirname(ENTRY), '../..'),
    env: { ...process.env, NODE_ENV: 'production', SAGA_MONITOR_CONFIG: file, KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    logs.push(...lines);
    // FAULT_DEBUG=1 shows the monitor's log live, to follow a fault as it happens.
    if (process.env.FAULT_DEBUG) for (const l of lines) process.stderr.write(`[monitor ${child.pid}] ${l}\n`);
    if (logs.length > MAX_LOG_LINES) logs.splice(0, logs.length - MAX_LOG_LINES);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the monitor did not start within ${START_TIMEOUT_MS} ms:\n${logs.join('\n')}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Saga Monitor: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the monitor exited with code ${child.exitCode}:\n${logs.join('\n')}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid!,
    logs,
    alive,
    health: async () => HealthResponse.parse(await (await fetch(`${url}/api/health`)).json()),
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!alive()) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
