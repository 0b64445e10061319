import { z } from 'zod';
import { parseBody } from '../http/parse-body';
import type { RateLimiter } from '../http/rate-limit';
import { HttpError, readJsonBody } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { Route } from '../http/route';
import { isSameOrigin } from '../http/same-origin';
import { clientAddress } from './operator-guard';
import type { Operators } from './operators';
import { readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionCookie, type Sessions } from './sessions';

/** Sign-in attempts per client address per minute (form or bearer token): slows token guessing to a crawl. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

const SignIn = z.strictObject({ token: z.string().min(1).max(500) });

interface Deps {
  operators: Operators;
  sessions: Sessions;
  requireSignIn: boolean;
  /** Sign-in attempts per client address; the operator guard spends the same budget on wrong bearer tokens. */
  guesses: RateLimiter;
  retriesPossible: boolean;
}

/** Who is signed in (GET), signing in with a token (POST), signing out (DELETE). */
export function sessionRoutes(d: Deps): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/api\/session\/?$/,
      handle: ({ req, res }) => {
        const operator = d.sessions.operatorOf(readCookie(req.headers.cookie, SESSION_COOKIE));
        sendJson(res, 200, { operator, retriesEnabled: d.retriesPossible && d.operators.count > 0, signInRequired: d.requireSignIn });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/session\/?$/,
      handle: async ({ req, res }) => {
        if (!isSameOrigin(req)) throw new HttpError(403, 'cross-site request refused');
        const allowed = d.guesses.take(clientAddress(req));
        if (!allowed.ok) throw new HttpError(429, `too many sign-in attempts; try again in ${allowed.retryAfterS} s`, { 'retry-after': String(allowed.retryAfterS) });
        const { token } = parseBody(SignIn, await readJsonBody(req));
        const operator = d.operators.authenticate(token);
        if (!operator) {
          const why = d.operators.count === 0 ? 'no operators are configured (set SAGA_MONITOR_OPERATORS)' : 'that token matches no operator';
          throw new HttpError(401, why, { 'www-authenticate': 'Bearer' });
        }
        sendJson(res, 200, { operator }, { 'set-cookie': sessionCookie(d.sessions.create(operator), SESSION_TTL_MS) });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/session\/?$/,
      handle: ({ req, res }) => {
        d.sessions.end(readCookie(req.headers.cookie, SESSION_COOKIE));
        res.writeHead(204, { 'set-cookie': sessionCookie('', 0) }).end();
      },
    },
  ];
}
