import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MonitorConfig } from '../../lib/config/schema';
import { pollUntil } from '../../lib/poll-until';
import { HealthResponse } from '../../lib/wire/rest';
import { ROOT } from '../root';

/** The production server starts Next and connects within seconds; on a busy 2-core machine tsx compiling the server takes more. This only bounds a broken start. */
const DEFAULT_START_TIMEOUT_MS = 120_000;
/** A clean stop disconnects the consumer and deletes its group: a few seconds, more and it is hung. */
const STOP_TIMEOUT_MS = 15_000;
/** Log lines kept for assertions and failure messages. */
const MAX_LOG_LINES = 2_000;
/** Failure messages quote the end of the log only. */
const LOG_LINES_QUOTED = 60;
/** The production server without the pages: API and live feed, no Next build needed. */
export const API_ONLY_ENTRY = path.join('testing', 'monitor', 'api-only-monitor.ts');

export interface MonitorProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Every line the monitor logged so far (stderr), oldest first, at most MAX_LOG_LINES. */
  logs: string[];
  health(): Promise<HealthResponse>;
  /** Resolves with the health that first said caught up, with every topic there. */
  waitCaughtUp(timeoutMs: number, onProgress?: (h: HealthResponse) => void): Promise<HealthResponse>;
  /** CPU time (user + system) of the process so far, from /proc. */
  cpuMs(): number;
  /** Resident set size from /proc, independent of what the process reports about itself. */
  rssBytes(): number;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop), SIGKILL past a timeout. */
  stop(): Promise<void>;
}

export interface MonitorProcessOptions {
  /** KAFKA_BROKERS for the monitor; without it the config's brokers are used. */
  brokers?: string;
  /** Written to `file` and handed over as SAGA_MONITOR_CONFIG. */
  config?: { value: MonitorConfig; file: string };
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Script to run instead of server/index.ts, relative to the repository root (it must print the same start line). */
  entry?: string;
  /** How long the start may take before it counts as broken; DEFAULT_START_TIMEOUT_MS by default. */
  startTimeoutMs?: number;
}

/** Kernel clock ticks per second (USER_HZ), 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, its threads included, in ms, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces; utime and stime are fields 14 and
  // 15 of the line, 12 and 13 after the command name.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * The monitor exactly as `npm start` runs it in production, in a Node process of its own: what benchmarks measure,
 * load runs drive and fault tests kill. Configuration from saga-monitor.config.json (or `config`) and KAFKA_BROKERS.
 */
export async function startMonitorProcess(opts: MonitorProcessOptions = {}): Promise<MonitorProcess> {
  if (opts.config) writeFileSync(opts.config.file, JSON.stringify(opts.config.value, null, 2));
  const configEnv: Record<string, string> = opts.config ? { SAGA_MONITOR_CONFIG: opts.config.file } : {};
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, opts.entry ?? path.join('server', 'index.ts'))], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KAFKA_BROKERS: opts.brokers ?? '', PORT: '0', HOST: '127.0.0.1', ...configEnv, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A run that ends by an error must not leave its monitor running: it would skew every later figure and test.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  const logs: string[] = [];
  let partial = '';
  child.stderr.on('data', (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    logs.push(...lines);
    // MONITOR_DEBUG=1 shows the monitor's log live, to follow a fault as it happens.
    if (process.env.MONITOR_DEBUG) for (const l of lines) process.stderr.write(`[monitor ${child.pid}] ${l}\n`);
    if (logs.length > MAX_LOG_LINES) logs.splice(0, logs.length - MAX_LOG_LINES);
  });
  const logTail = () => [...logs.slice(-LOG_LINES_QUOTED), partial].join('\n');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const timer = setTimeout(() => reject(new Error(`the monitor did not start within ${timeoutMs} ms:\n${logTail()}`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Saga Monitor: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the monitor exited with code ${child.exitCode}:\n${logTail()}`));
    });
  });
  child.stdout.resume();
  const pid = child.pid!;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const health = async () => HealthResponse.parse(await (await fetch(`${url}/api/health`)).json());
  return {
    url,
    pid,
    child,
    logs,
    health,
    alive,
    waitCaughtUp: (timeoutMs, onProgress) =>
      pollUntil(
        'the monitor to catch up',
        async () => {
          const h = await health();
          onProgress?.(h);
          return h.catchUp.done && h.topics.every((t) => t.exists) && h;
        },
        timeoutMs,
      ),
    cpuMs: () => processCpuMs(pid),
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : Number.NaN;
    },
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
