import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockContent {
  /** The Node process that started the broker. */
  owner: number;
  /** The broker JVM, which can outlive its owner by the watchdog's grace period. */
  broker?: number;
}

export interface DataDirLock {
  setBroker(pid: number): void;
  release(): void;
}

function isAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file is written right after it is created; one still empty after this long was left by a crash. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000;

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < UNWRITTEN_LOCK_GRACE_MS;
  } catch {
    return false;
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

/**
 * Claims a data dir for one broker. Kafka locks its log dirs only after the KRaft metadata log is already open, so
 * two brokers started on one dir corrupt __cluster_metadata before either notices; this refuses the second start.
 * A lock whose owner and broker are both dead is stale and taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'local-kafka.lock');
  const content: LockContent = { owner: process.pid };
  // Two tries: the second follows the removal of a stale lock, unless another start took it over meanwhile.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify(content));
      closeSync(fd);
      return handle(file, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(file);
      if (!held && isFresh(file)) break; // created but not yet written by a concurrent start
      if (held && (isAlive(held.owner) || isAlive(held.broker))) {
        throw new Error(
          `${dataDir} is in use by another local Kafka (node pid ${held.owner}, broker pid ${held.broker ?? 'starting'}); ` +
            'stop it first or use another dataDir',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`${dataDir} is being claimed by another local Kafka start at this moment`);
}

function handle(file: string, content: LockContent): DataDirLock {
  return {
    setBroker(pid) {
      content.broker = pid;
      writeFileSync(file, JSON.stringify(content));
    },
    release() {
      if (readLock(file)?.owner === process.pid) rmSync(file, { force: true });
    },
  };
}
