import { renameSync, writeFileSync } from 'node:fs';

/**
 * Preloaded into the monitor by the memory benchmark (`--expose-gc --import`): on SIGUSR2 it runs a full garbage
 * collection and writes process.memoryUsage() to BENCH_MEMORY_FILE, so heap figures count live objects only, not
 * garbage a collection has not reached yet. Production never loads it.
 */
const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    // Written beside and renamed, so a reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), collected: gc !== undefined, ...process.memoryUsage() }));
    renameSync(`${file}.tmp`, file);
  });
}
