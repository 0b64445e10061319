import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RawConsumerResult, RawConsumerSettings } from './raw-consumer-settings';

/** A million records take seconds; this only bounds a consumer that hangs. */
const RAW_TIMEOUT_MS = 15 * 60_000;

export interface RawConsumerRun extends RawConsumerResult {
  /** Epoch ms when the parent spawned the process and when it exited. */
  spawnAt: number;
  exitAt: number;
}

/** Runs bench/raw-consumer.ts in its own Node process, as the monitor runs, and returns what it measured. */
export function runRawConsumer(opts: { root: string; brokers: string; nodeArgs?: string[]; settings?: Partial<RawConsumerSettings> }): Promise<RawConsumerRun> {
  const args = [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(opts.root, 'bench', 'raw-consumer.ts'), opts.brokers];
  if (opts.settings) args.push(JSON.stringify(opts.settings));
  const spawnAt = Date.now();
  const child = spawn(process.execPath, args, { cwd: opts.root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-4_000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), RAW_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const exitAt = Date.now();
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`raw consumer exited with ${code ?? signal}:\n${err}`));
      resolve({ ...(JSON.parse(last) as RawConsumerResult), spawnAt, exitAt });
    });
  });
}
