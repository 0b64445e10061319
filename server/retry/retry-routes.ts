import { z } from 'zod';
import { BulkRetryRequest, RetryRequest } from '../../lib/retry/retry-wire';
import { formatIssues } from '../config/load-config';
import { HttpError, readJsonBody } from '../http/read-body';
import { sendError, sendJson } from '../http/respond';
import type { Route } from '../http/route';
import { sagaIdParam } from '../http/saga-id-param';
import { isSameOrigin } from '../http/same-origin';
import { listSagas } from '../store/list-sagas';
import type { SagaStore } from '../store/saga-store';
import { clientAddress, requireOperator } from './auth';
import type { Operators } from './operators';
import { RateLimiter } from './rate-limit';
import type { RetryService } from './retry-service';
import { readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionCookie, type Sessions } from './sessions';

/** Sign-in attempts per client address per minute (form or bearer token): slows token guessing to a crawl. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
/** Idempotency keys are ids, not documents. */
const MAX_IDEMPOTENCY_KEY = 200;

const SignIn = z.strictObject({ token: z.string().min(1).max(500) });
/** Strict like the list's query: a misspelt `step` must not plan a retry of another step. */
const RetryPlanQuery = z.strictObject({ step: z.string().min(1).max(200).optional() });

interface Deps {
  store: SagaStore;
  retries: RetryService;
  operators: Operators;
  sessions: Sessions;
  limiter: RateLimiter;
  now: () => number;
  requireSignIn: boolean;
  /** Sign-in attempts per client address; shared with the viewing guard when viewing needs an operator. */
  guesses?: RateLimiter;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `invalid body: ${formatIssues(r.error.issues).join('; ')}`);
  return r.data;
}

function idempotencyKey(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v === '') return undefined;
  if (v.length > MAX_IDEMPOTENCY_KEY) throw new HttpError(400, `Idempotency-Key longer than ${MAX_IDEMPOTENCY_KEY} characters`);
  return v;
}

export function retryRoutes(d: Deps): Route[] {
  const guesses = d.guesses ?? new RateLimiter(d.now, SIGN_IN_ATTEMPTS_PER_MINUTE);
  const operatorOf = (req: Parameters<typeof requireOperator>[0]) => requireOperator(req, d.operators, d.sessions, guesses);
  const limit = (operator: string, n: number) => {
    const r = d.limiter.take(operator, n);
    if (!r.ok) throw new HttpError(429, `retry limit reached for ${operator}; try again in ${r.retryAfterS} s`, { 'retry-after': String(r.retryAfterS) });
  };
  return [
    {
      method: 'GET',
      pattern: /^\/api\/session\/?$/,
      handle: ({ req, res }) => {
        const operator = d.sessions.operatorOf(readCookie(req.headers.cookie, SESSION_COOKIE));
        sendJson(res, 200, { operator, retriesEnabled: d.operators.count > 0, signInRequired: d.requireSignIn });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/session\/?$/,
      handle: async ({ req, res }) => {
        if (!isSameOrigin(req)) throw new HttpError(403, 'cross-site request refused');
        const allowed = guesses.take(clientAddress(req));
        if (!allowed.ok) throw new HttpError(429, `too many sign-in attempts; try again in ${allowed.retryAfterS} s`, { 'retry-after': String(allowed.retryAfterS) });
        const { token } = parse(SignIn, await readJsonBody(req));
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
    {
      method: 'GET',
      pattern: /^\/api\/sagas\/([^/]+)\/retry-plan\/?$/,
      handle: ({ req, res, url, params: [raw] }) => {
        const operator = operatorOf(req);
        const query = RetryPlanQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) {
          sendError(res, 400, 'invalid query', formatIssues(query.error.issues));
          return;
        }
        const r = d.retries.plan(sagaIdParam(raw!), operator, query.data.step, idempotencyKey(req.headers['idempotency-key']));
        if (!r.ok) sendError(res, r.status, r.reason);
        else sendJson(res, 200, r.plan);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sagas\/([^/]+)\/retry\/?$/,
      handle: async ({ req, res, params: [raw] }) => {
        const operator = operatorOf(req);
        const { step } = parse(RetryRequest, await readJsonBody(req));
        const key = idempotencyKey(req.headers['idempotency-key']);
        limit(operator, 1);
        const r = await d.retries.retry(sagaIdParam(raw!), operator, step, key);
        if (!r.ok) sendError(res, r.status, r.reason);
        else sendJson(res, 202, r.accepted);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/retries\/?$/,
      handle: async ({ req, res }) => {
        const operator = operatorOf(req);
        const q = parse(BulkRetryRequest, await readJsonBody(req));
        const matched = listSagas(d.store, {
          status: q.status ?? ['stuck'],
          type: q.type ? [q.type] : undefined,
          step: q.step ? [q.step] : undefined,
          q: q.q,
          sort: 'started',
          limit: q.max,
          cursor: undefined,
        });
        const ids = matched.items.map((s) => s.id);
        if (q.dryRun) {
          const items = ids.map((id) => {
            const p = d.retries.plan(id, operator);
            return p.ok ? { sagaId: id, plan: p.plan } : { sagaId: id, error: p.reason };
          });
          sendJson(res, 200, { dryRun: true, matched: matched.total, items });
          return;
        }
        limit(operator, ids.length);
        const items = [];
        for (const id of ids) {
          const r = await d.retries.retry(id, operator);
          items.push(r.ok ? { sagaId: id, accepted: r.accepted } : { sagaId: id, error: r.reason });
        }
        sendJson(res, 202, { dryRun: false, matched: matched.total, items });
      },
    },
  ];
}
