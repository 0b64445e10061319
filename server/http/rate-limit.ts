/** Both limits count per minute: sign-in attempts per address (auth/) and retries per operator (retry/). */
export const RATE_WINDOW_MS = 60_000;
/** Windows held before expired ones are swept: keys per client address must not grow memory without bound. */
const SWEEP_AT_WINDOWS = 10_000;

/** A fixed-window counter per key; in http/ because sign-in (auth/) and retries (retry/) both answer 429 from one. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(
    private readonly now: () => number,
    private readonly limit: number,
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** Takes `n` units; false (and nothing taken) when that would exceed the limit. Returns seconds to wait otherwise. */
  take(key: string, n = 1): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    if (this.windows.size >= SWEEP_AT_WINDOWS) this.sweep(t);
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) this.windows.set(key, (w = { start: t, used: 0 }));
    if (w.used + n > this.limit) return { ok: false, retryAfterS: Math.ceil((w.start + this.windowMs - t) / 1000) };
    w.used += n;
    return { ok: true };
  }

  /** Seconds until `key` may take again when its window is spent, else null; takes nothing. */
  blocked(key: string): number | null {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs || w.used < this.limit) return null;
    return Math.ceil((w.start + this.windowMs - t) / 1000);
  }

  private sweep(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}
