import type { IncomingMessage } from 'node:http';
import { isSameOrigin } from '../http/same-origin';
import { HttpError } from '../http/read-body';
import type { Operators } from './operators';
import type { RateLimiter } from '../http/rate-limit';
import { readCookie, SESSION_COOKIE, type Sessions } from './sessions';

/** The peer address sign-in attempts are counted by (the proxy's, behind a reverse proxy). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** 429 while `address` has spent its sign-in attempts: checked before a token is, so a guess learns nothing. */
export function refuseWhileGuessing(guesses: RateLimiter | undefined, address: string): void {
  const wait = guesses?.blocked(address) ?? null;
  if (wait !== null) throw new HttpError(429, `too many sign-in attempts from this address; try again in ${wait} s`, { 'retry-after': String(wait) });
}

/**
 * The operator behind a request: a Bearer token (API clients) or the session cookie (browsers). Cookie requests must
 * come from this site's own pages: a cross-site request is refused even though SameSite=Strict should stop it. A wrong
 * bearer token is a sign-in attempt like a wrong token on the sign-in form: both spend the same per-address budget
 * (`guesses`), else the form's limit could be walked around.
 */
export function requireOperator(req: IncomingMessage, operators: Operators, sessions: Sessions, guesses?: RateLimiter): string {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const address = clientAddress(req);
    refuseWhileGuessing(guesses, address);
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    const who = m ? operators.authenticate(m[1].trim()) : null;
    if (!who) {
      if (m) guesses?.take(address);
      throw new HttpError(401, 'the bearer token matches no operator', { 'www-authenticate': 'Bearer' });
    }
    return who;
  }
  const who = sessions.operatorOf(readCookie(req.headers.cookie, SESSION_COOKIE));
  if (!who) {
    const hint = operators.count === 0 ? 'no operators are configured (set SAGA_MONITOR_OPERATORS)' : 'sign in, or send Authorization: Bearer <token>';
    throw new HttpError(401, `retries need an operator: ${hint}`, { 'www-authenticate': 'Bearer' });
  }
  if (!isSameOrigin(req)) throw new HttpError(403, 'cross-site request refused');
  return who;
}
