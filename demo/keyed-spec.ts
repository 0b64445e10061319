/** A value with per-key overrides, written `default,key=value,...` (either part optional), e.g. `50-400,payment=100-300`. */
export interface KeyedSpec<K extends string, T> {
  default?: T;
  byKey: Partial<Record<K, T>>;
}

export function parseKeyedSpec<K extends string, T>(
  spec: string,
  keys: readonly K[],
  parseValue: (s: string) => T,
  what: string,
): KeyedSpec<K, T> {
  const out: KeyedSpec<K, T> = { byKey: {} };
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) throw new Error(`${what}: empty value`);
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const raw = eq === -1 ? entry : entry.slice(eq + 1).trim();
    let value: T;
    try {
      value = parseValue(raw);
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
    if (eq === -1) {
      if (out.default !== undefined) throw new Error(`${what}: more than one default in "${spec}"`);
      out.default = value;
      continue;
    }
    const key = entry.slice(0, eq).trim();
    if (!(keys as readonly string[]).includes(key)) {
      throw new Error(`${what}: unknown key "${key}"; expected one of ${keys.join(', ')}`);
    }
    out.byKey[key as K] = value;
  }
  return out;
}
