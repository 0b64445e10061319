/** A positive integer from the environment (underscores allowed: 200_000), or the fallback when unset. */
export function envInt(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}
