import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MonitorConfig, type MonitorConfigInput } from '../../lib/config/schema';
import { ROOT } from '../root';

/** saga-monitor.config.json as shipped, unparsed, for a test to adapt before it parses. */
export function shippedConfigInput(): MonitorConfigInput {
  return JSON.parse(readFileSync(path.join(ROOT, 'saga-monitor.config.json'), 'utf8')) as MonitorConfigInput;
}

/** The shipped demo config with every topic prefixed, so each test file has topics of its own on the shared broker. */
export function demoConfig(brokers: string, prefix: string, tweak?: (c: MonitorConfigInput) => void): MonitorConfig {
  const raw = shippedConfigInput();
  raw.kafka = { ...raw.kafka, brokers: brokers.split(','), groupIdPrefix: `test-${prefix}` };
  for (const s of raw.sagas) {
    for (const r of s.rules) r.topic = `${prefix}${r.topic}`;
    if (s.retry?.mode === 'command') s.retry.topic = `${prefix}${s.retry.topic}`;
  }
  raw.auditTopic = `${prefix}${raw.auditTopic ?? 'saga-monitor.audit'}`;
  tweak?.(raw);
  return MonitorConfig.parse(raw);
}

/** The audit key of every monitor a test starts with operators: retries are off without one. */
export const TEST_AUDIT_KEY = 'saga-monitor-test-audit-key-0123456789abcdef';

export function uniquePrefix(name: string): string {
  return `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.`;
}
