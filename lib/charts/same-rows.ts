/**
 * True when two arrays of flat rows hold the same values. Stats arrive every second as new objects; keeping the
 * previous array when nothing changed lets memoized charts skip rendering (throughput changes once per bucket).
 */
export function sameRows<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (!Object.is(x[k], y[k])) return false;
  }
  return true;
}
