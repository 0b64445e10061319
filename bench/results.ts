import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';

/** Percentiles in milliseconds. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  /** Consumer lag (acknowledged minus consumed records) at the start and end of the phase, and whether it grew. */
  lagAtStart?: number;
  lagAtEnd?: number;
  noGrowingBacklog?: boolean;
  [extra: string]: unknown;
}

/** The keys the issue fixes are typed; scenarios add more freely. */
export interface BenchResults {
  machine: Machine & { measuredAt: string };
  catchup: { events: number; rawEventsPerSec: number; monitorEventsPerSec: number; ratio: number; [extra: string]: unknown };
  latency: Record<string, Latency>;
  memory: { sagas: number; rssBytes: number; heapUsedBytes: number; bytesPerSaga: number; [extra: string]: unknown };
  browser: { sagas: number; firstRowsMs: number; longTasksOver200ms: number; [extra: string]: unknown };
  stuck: { inFlight: number; delayP99Ms: number; cpuPercentIdle: number; [extra: string]: unknown };
}

export const RESULTS_FILE = 'bench/results/latest.json';

/** Reads the last results so a single scenario's run replaces only its own part. */
export function readResults(root: string): Partial<BenchResults> {
  const file = path.join(root, RESULTS_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults>;
  } catch {
    return {};
  }
}

export function writeResults(root: string, results: Partial<BenchResults>): string {
  const file = path.join(root, RESULTS_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
