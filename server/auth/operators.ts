import { createHash, timingSafeEqual } from 'node:crypto';

/** Tokens shorter than this are guessable; refuse them at start. */
export const MIN_TOKEN_LENGTH = 12;

export interface Operators {
  /** The operator whose token this is, compared in constant time; null when none matches. */
  authenticate(token: string): string | null;
  count: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Parses SAGA_MONITOR_OPERATORS (`alice:<token>,bob:<token>`); an error names the variable and entry, never a token. */
export function parseOperators(spec: string | undefined): Operators {
  const entries: Array<{ name: string; hash: Buffer }> = [];
  const parts = (spec ?? '').split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  parts.forEach((part, i) => {
    const at = part.indexOf(':');
    const name = at > 0 ? part.slice(0, at).trim() : '';
    const token = at > 0 ? part.slice(at + 1).trim() : '';
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error(`SAGA_MONITOR_OPERATORS entry ${i + 1}: expected name:token with a name of letters, digits, . _ @ -`);
    if (token.length < MIN_TOKEN_LENGTH) throw new Error(`SAGA_MONITOR_OPERATORS entry ${i + 1} (${name}): the token must be at least ${MIN_TOKEN_LENGTH} characters`);
    if (entries.some((e) => e.name === name)) throw new Error(`SAGA_MONITOR_OPERATORS: operator ${name} is listed twice`);
    entries.push({ name, hash: digest(token) });
  });
  return {
    count: entries.length,
    authenticate(token) {
      const h = digest(token);
      let found: string | null = null;
      // Compare against every entry so the time taken does not depend on which one matches.
      for (const e of entries) if (timingSafeEqual(e.hash, h)) found = e.name;
      return found;
    },
  };
}
