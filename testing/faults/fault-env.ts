import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MonitorConfig, type MonitorConfigInput } from '../../lib/config/schema';
import { compileConfig, type CompiledConfig } from '../../lib/saga/compiled-config';
import { DEMO_TOPICS, TOPIC_PARTITIONS } from '../../demo/topics';
import { createTopics } from '../kafka/test-client';
import { shippedConfigInput } from '../monitor/test-config';

/** An API-only monitor starts in seconds; a fault test that waits longer has found a broken start, not a slow one. */
export const FAULT_MONITOR_START_MS = 60_000;

/** The shipped config on a broker of the test's own: topic names as shipped, since nobody else uses that broker. */
export function shippedConfig(brokers: string, tweak?: (c: MonitorConfigInput) => void): { config: MonitorConfig; compiled: CompiledConfig } {
  const raw = shippedConfigInput();
  raw.kafka = { ...raw.kafka, brokers: [brokers], groupIdPrefix: 'fault-test' };
  tweak?.(raw);
  const config = MonitorConfig.parse(raw);
  return { config, compiled: compileConfig(config) };
}

export function createDemoTopics(brokers: string): Promise<void> {
  return createTopics(brokers, [...DEMO_TOPICS], TOPIC_PARTITIONS);
}

/** A scratch folder for the config files of the monitor processes a test starts. */
export function scratchDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `saga-monitor-${name}-`));
}

/** Waits until the wall clock reaches `at`: the length of an injected outage, not a synchronization. */
export function holdUntil(at: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
}

/** One line of figures per fault, on stderr, for docs/reliability.md. */
export function reportFigures(fault: string, figures: Record<string, unknown>): void {
  process.stderr.write(`[figures] ${fault} ${JSON.stringify(figures)}\n`);
}
