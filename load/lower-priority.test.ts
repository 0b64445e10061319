import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../lib/poll-until';
import { lowerPriority, niceThreads } from './lower-priority';

/** Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (the command name may hold spaces, so split after ')'). */
function niceOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A Node process that has started its helper threads (V8 platform, libuv), so there is more than a main thread. */
async function idleNode(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  await pollUntil('the child to start a second thread', () => niceOf(pid).length >= 2, 5_000, 20);
  return pid;
}

describe('lowerPriority', () => {
  it('moves every thread of the process, not only the main one', async () => {
    const pid = await idleNode();
    expect(niceThreads(pid, 7)).toBeGreaterThanOrEqual(2);
    expect(new Set(niceOf(pid))).toEqual(new Set([7]));
  });

  it('leaves processes alone at 0 and survives pids that are gone', async () => {
    const pid = await idleNode();
    const before = niceOf(pid);
    lowerPriority(() => [pid, 2 ** 22 + 1], 0).stop();
    expect(niceOf(pid)).toEqual(before);
    const p = lowerPriority(() => [pid, 2 ** 22 + 1], 9);
    p.stop();
    expect(new Set(niceOf(pid))).toEqual(new Set([9]));
  });
});
