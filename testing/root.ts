import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where spawned monitors, demos and brokers run and find their files. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
