import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A directory of its own per profiled process, so the one .cpuprofile written there at exit is easy to find. */
export function profileDirFor(profileDir: string, name: string): string {
  const dir = path.join(profileDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function cpuProfArgs(dir: string): string[] {
  return ['--cpu-prof', '--cpu-prof-dir', dir];
}

/** Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main one. */
const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

/**
 * The newest main-thread .cpuprofile in `dir`, or null. Node writes it when the process exits; tsx's module loader
 * thread writes one of its own beside it.
 */
export function newestProfile(dir: string): string | null {
  const files = readdirSync(dir)
    .filter((f) => MAIN_THREAD_PROFILE.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}
