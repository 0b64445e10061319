import { readFileSync } from 'node:fs';
import { MonitorConfig } from '../../lib/config/schema';

export class ConfigError extends Error {}

/** Formats a zod issue path as `sagas[0].rules[2].step`, the way an operator finds it in the file. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(root)' : out;
}

/** One line per zod issue, `path: message`. */
export function formatIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
  return issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

/** Validates a parsed config, applying KAFKA_BROKERS (comma-separated) over kafka.brokers. */
export function parseConfig(raw: unknown, env: Record<string, string | undefined>, source: string): MonitorConfig {
  const brokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  const withEnv =
    brokers && brokers.length > 0 && raw !== null && typeof raw === 'object'
      ? { ...raw, kafka: { ...((raw as { kafka?: object }).kafka ?? {}), brokers } }
      : raw;
  const parsed = MonitorConfig.safeParse(withEnv);
  if (!parsed.success) {
    const fromEnv = withEnv !== raw;
    const lines = formatIssues(parsed.error.issues).map((l) => (fromEnv && l.startsWith('kafka.brokers') ? `  ${l} (from KAFKA_BROKERS)` : `  ${l}`));
    throw new ConfigError(`invalid config ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadConfig(path: string, env: Record<string, string | undefined> = process.env): MonitorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${path}: ${(e as Error).message} (set SAGA_MONITOR_CONFIG to its path)`);
  }
  let raw: unknown;
  try {
    // Editors on Windows may save a byte order mark, which JSON.parse refuses.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, env, path);
}
