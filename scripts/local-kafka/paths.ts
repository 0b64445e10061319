import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Git-ignored home of everything the local broker keeps: resolved jars and the default data dir. */
export const KAFKA_HOME = join(REPO_ROOT, '.kafka');

export const DEFAULT_DATA_DIR = join(KAFKA_HOME, 'data');

export function libsDir(version: string): string {
  return join(KAFKA_HOME, `libs-${version}`);
}
