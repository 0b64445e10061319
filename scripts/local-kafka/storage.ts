import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runKafkaTool } from './java';

const STORAGE_TOOL = 'kafka.tools.StorageTool';

/** Formats the KRaft log dir once; a dir that holds meta.properties is already formatted and is left alone. */
export async function formatStorage(libs: string, serverProperties: string, logDirs: string): Promise<boolean> {
  if (existsSync(join(logDirs, 'meta.properties'))) return false;
  const clusterId = (await runKafkaTool(libs, STORAGE_TOOL, ['random-uuid'])).trim().split('\n').pop()!.trim();
  // -g: a concurrent start that formatted first is not an error.
  await runKafkaTool(libs, STORAGE_TOOL, ['format', '-t', clusterId, '-c', serverProperties, '-g']);
  return true;
}
