import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HealthResponse } from '../lib/wire/rest';

/** The production server starts Next and connects within seconds; this only bounds a broken start. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const HEALTH_POLL_MS = 100;

export interface MonitorProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  health(): Promise<HealthResponse>;
  /** Resolves with the health that first said caught up; polls every 100 ms. */
  waitCaughtUp(timeoutMs: number, onProgress?: (h: HealthResponse) => void): Promise<HealthResponse>;
  /** CPU time (user + system) of the process so far, from /proc. */
  cpuMs(): number;
  /** Resident set size from /proc, independent of what the process reports about itself. */
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface MonitorProcessOptions {
  root: string;
  brokers: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  say?: (line: string) => void;
  /** Script to run instead of server/index.ts, relative to root (it must print the same start line). */
  entry?: string;
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
 * The monitor exactly as `npm start` runs it against an existing cluster: its own Node process, the production Next
 * build serving the pages, configuration from saga-monitor.config.json and KAFKA_BROKERS.
 */
export async function startMonitorProcess(opts: MonitorProcessOptions): Promise<MonitorProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(opts.root, opts.entry ?? path.join('server', 'index.ts'))], {
    cwd: opts.root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KAFKA_BROKERS: opts.brokers, PORT: '0', HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A benchmark that ends by an error must not leave its monitor running: it would skew every later figure.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the monitor did not start within ${START_TIMEOUT_MS} ms:\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Saga Monitor: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the monitor exited with code ${code}:\n${stderr}`));
    });
  });
  child.stdout!.resume();
  const pid = child.pid!;
  const health = async () => HealthResponse.parse(await (await fetch(`${url}/api/health`)).json());
  return {
    url,
    pid,
    child,
    health,
    waitCaughtUp: async (timeoutMs, onProgress) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const h = await health();
        onProgress?.(h);
        if (h.catchUp.done && h.topics.every((t) => t.exists)) return h;
        if (Date.now() > deadline) throw new Error(`not caught up within ${timeoutMs} ms: ${JSON.stringify(h.catchUp)}`);
        await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
      }
    },
    cpuMs: () => processCpuMs(pid),
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : Number.NaN;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
