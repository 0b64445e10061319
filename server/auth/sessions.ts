import { randomBytes } from 'node:crypto';

/** A browser session lasts a working day; signing in again is cheap. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const SESSION_COOKIE = 'saga_monitor_session';

/** Browser sessions in memory: a restart signs everybody out, which is acceptable for an operator console. */
export class Sessions {
  private readonly byId = new Map<string, { operator: string; expires: number }>();
  private readonly endListeners = new Set<(id: string) => void>();
  constructor(private readonly now: () => number) {}

  /** Called with the id of every session that is signed out, so what it opened (a live feed) can be closed too. */
  onEnd(listener: (id: string) => void): void {
    this.endListeners.add(listener);
  }

  create(operator: string): string {
    const id = randomBytes(32).toString('base64url');
    this.byId.set(id, { operator, expires: this.now() + SESSION_TTL_MS });
    return id;
  }

  operatorOf(id: string | undefined): string | null {
    if (!id) return null;
    const s = this.byId.get(id);
    if (!s) return null;
    if (s.expires <= this.now()) {
      this.byId.delete(id);
      return null;
    }
    return s.operator;
  }

  end(id: string | undefined): void {
    if (id && this.byId.delete(id)) for (const l of this.endListeners) l(id);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(id: string, maxAgeMs: number): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}`;
}
