import type { IncomingMessage } from 'node:http';
import { isSameOrigin } from '../http/same-origin';
import { HttpError } from '../http/read-body';
import type { Operators } from './operators';
import { readCookie, SESSION_COOKIE, type Sessions } from './sessions';

/**
 * The operator behind a request: a Bearer token (API clients) or the session cookie (browsers). Cookie requests must
 * come from this site's own pages: a cross-site request is refused even though SameSite=Strict should stop it.
 */
export function requireOperator(req: IncomingMessage, operators: Operators, sessions: Sessions): string {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    const who = m ? operators.authenticate(m[1]!.trim()) : null;
    if (!who) throw new HttpError(401, 'the bearer token matches no operator', { 'www-authenticate': 'Bearer' });
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
