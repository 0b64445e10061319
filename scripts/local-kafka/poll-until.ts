export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Named in the timeout error so a failure says what never became true. */
  what: string;
}

const DEFAULT_INTERVAL_MS = 200;

/** Re-runs check until it returns a value other than undefined/false, or throws after the deadline. */
export async function pollUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs, intervalMs = DEFAULT_INTERVAL_MS, what }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
