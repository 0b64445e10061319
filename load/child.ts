import { fork, type ChildProcess } from 'node:child_process';
import type { z } from 'zod';

/** A TypeScript child process of the load runner, spoken to over IPC; every message it sends is validated. */
export interface Child<In> {
  proc: ChildProcess;
  send(m: In): void;
  /** The next message matching `pick`, or a rejection naming the child when it exits or the deadline passes. */
  next<T>(pick: (m: unknown) => T | undefined, timeoutMs: number): Promise<T>;
  kill(): void;
}

export function startChild<In, Out>(file: string, schema: z.ZodType<Out>, name: string, onMessage?: (m: Out) => void): Child<In> {
  const proc = fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = new Set<(m: unknown) => void>();
  proc.on('message', (raw) => {
    const m = schema.safeParse(raw);
    if (!m.success) {
      process.stderr.write(`[load] ${name} sent an unexpected message: ${m.error.message}\n`);
      return;
    }
    onMessage?.(m.data);
    for (const w of [...waiters]) w(m.data);
  });
  return {
    proc,
    send: (m) => void proc.send(m as object),
    next: (pick, timeoutMs) =>
      new Promise((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
          proc.off('exit', onExit);
        };
        const onExit = (code: number | null) => (cleanup(), reject(new Error(`${name} exited with code ${code}`)));
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (m: unknown) => {
          const v = pick(m);
          if (v === undefined) return;
          cleanup();
          resolve(v);
        };
        waiters.add(waiter);
        proc.once('exit', onExit);
      }),
    kill: () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}
