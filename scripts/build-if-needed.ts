import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the page bundle is built from: a change to any of these makes the build stale. */
const BUILD_INPUTS = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((p) => newestMtime(path.join(root, p)) > built);
}

/** Runs `next build` when the production build is missing or older than its sources. */
export async function buildIfNeeded(root: string, log: (line: string) => void): Promise<void> {
  if (!buildIsStale(root)) return;
  log('building the dashboard (next build); this takes about a minute the first time…');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}; see its output above`);
}
