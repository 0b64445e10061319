/**
 * A positive integer from the environment (underscores allowed: 200_000), or the fallback when unset: sizes a run down
 * while iterating (FAULT_SAGAS=500, BENCH_MEMORY_SAGAS=20_000) or replays one case (PROPERTY_SEED).
 */
export function envInt(name: string, fallback: number, env?: Record<string, string | undefined>): number;
export function envInt(name: string, fallback: null, env?: Record<string, string | undefined>): number | null;
export function envInt(name: string, fallback: number | null, env: Record<string, string | undefined> = process.env): number | null {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}
