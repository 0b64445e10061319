import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { pollUntil } from '../lib/poll-until';
import type { MonitorProcess } from '../testing/monitor/monitor-process';

/** A full collection of a heap of a few hundred MiB takes seconds on a busy box; this only bounds a lost signal. */
const PROBE_TIMEOUT_MS = 60_000;
const PROBE_POLL_MS = 50;

const Usage = z.object({ at: z.number(), collected: z.boolean(), rss: z.number(), heapUsed: z.number(), heapTotal: z.number(), external: z.number(), arrayBuffers: z.number() });
export type Usage = z.infer<typeof Usage>;

const HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-gc-hook.ts');

/** Node flags and environment that let `measureAfterGc` ask the monitor for its memory after a full collection. */
export function memoryProbeSetup(): { nodeArgs: string[]; env: Record<string, string>; file: string } {
  const file = path.join(os.tmpdir(), `saga-monitor-bench-memory-${process.pid}-${Date.now()}.json`);
  // tsx first, so the hook (TypeScript) can be loaded; the monitor's own `--import tsx` is then a no-op.
  return { nodeArgs: ['--expose-gc', '--import', 'tsx', '--import', pathToFileURL(HOOK).href], env: { BENCH_MEMORY_FILE: file }, file };
}

export async function measureAfterGc(monitor: MonitorProcess, file: string): Promise<Usage> {
  rmSync(file, { force: true });
  process.kill(monitor.pid, 'SIGUSR2');
  await pollUntil('the monitor to write its memory figures', () => existsSync(file), PROBE_TIMEOUT_MS, PROBE_POLL_MS);
  const usage = Usage.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (!usage.collected) throw new Error('the monitor ran without --expose-gc: heap figures would include garbage');
  return usage;
}
