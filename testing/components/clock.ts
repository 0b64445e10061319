import { afterEach, vi } from 'vitest';
import { NOW } from './wire-fixtures';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Date.now() reads `at` for the current test; timers stay real, so findBy* and waitFor keep polling. Ages and
 * "so far" texts then read the same on every run.
 */
export function freezeClock(at = NOW): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}
