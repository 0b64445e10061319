import type { IncomingMessage } from 'node:http';
import { RateLimiter } from '../http/rate-limit';
import type { Route } from '../http/route';
import { requireOperator } from './operator-guard';
import { parseOperators, type Operators } from './operators';
import { sessionRoutes, SIGN_IN_ATTEMPTS_PER_MINUTE } from './session-routes';
import { readCookie, SESSION_COOKIE, Sessions } from './sessions';

export interface Auth {
  operators: Operators;
  sessions: Sessions;
  /** Viewing (API, live feed) needs an operator too, not only retrying. */
  requireSignIn: boolean;
  /** /api/session: who is signed in, signing in, signing out. */
  routes: Route[];
  /** The operator behind a request, else an HttpError (401, 403 for a cross-site cookie, 429 while guessing). */
  operatorOf(req: IncomingMessage): string;
  /** Runs before every API route when viewing is closed: all but /api/session need an operator. */
  apiGuard: ((req: IncomingMessage, path: string) => void) | undefined;
  /** Whether a request may open a live feed: with viewing closed, only a signed-in browser's. */
  mayView(req: IncomingMessage): boolean;
}

export interface AuthOptions {
  /** SAGA_MONITOR_OPERATORS as written; an entry that does not parse throws, naming the variable. */
  operators: string | undefined;
  requireSignIn: boolean;
  /** Whether retries can be published at all (an audit key is set): the session says so to the pages. */
  retriesPossible: boolean;
  now: () => number;
}

/** Operators, browser sessions and the sign-in budget, and what the API and the live feed ask of them. */
export function createAuth({ operators: spec, requireSignIn, retriesPossible, now }: AuthOptions): Auth {
  const operators = parseOperators(spec);
  const sessions = new Sessions(now);
  // One budget per address for the form and bearer tokens, else the form's limit could be walked around.
  const guesses = new RateLimiter(now, SIGN_IN_ATTEMPTS_PER_MINUTE);
  const operatorOf = (req: IncomingMessage) => requireOperator(req, operators, sessions, guesses);
  return {
    operators,
    sessions,
    requireSignIn,
    routes: sessionRoutes({ operators, sessions, requireSignIn, guesses, retriesPossible }),
    operatorOf,
    apiGuard: requireSignIn ? (req, path) => void (path.startsWith('/api/session') || operatorOf(req)) : undefined,
    mayView: (req) => !requireSignIn || sessions.operatorOf(readCookie(req.headers.cookie, SESSION_COOKIE)) !== null,
  };
}
