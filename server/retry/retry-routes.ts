import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BulkRetryRequest, RetryRequest } from '../../lib/retry/retry-wire';
import { formatIssues } from '../config/load-config';
import { parseBody } from '../http/parse-body';
import type { RateLimiter } from '../http/rate-limit';
import { HttpError, readJsonBody } from '../http/read-body';
import { sendError, sendJson } from '../http/respond';
import type { Route } from '../http/route';
import { sagaIdParam } from '../http/saga-id-param';
import { listSagas } from '../store/list-sagas';
import type { SagaStore } from '../store/saga-store';
import type { RetryService } from './retry-service';

/** Retries one operator may publish per window: enough for real incidents, not enough to flood a topic by mistake. */
export const RETRIES_PER_WINDOW = 60;
/** Idempotency keys are ids, not documents. */
const MAX_IDEMPOTENCY_KEY = 200;

/** Strict like the list's query: a misspelt `step` must not plan a retry of another step. */
const RetryPlanQuery = z.strictObject({ step: z.string().min(1).max(200).optional() });

interface Deps {
  store: SagaStore;
  retries: RetryService;
  /** The operator behind a request (auth/), else an HttpError refusing it. */
  operatorOf: (req: IncomingMessage) => string;
  /** Retries per operator, RETRIES_PER_WINDOW a window. */
  limiter: RateLimiter;
}

function idempotencyKey(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v === '') return undefined;
  if (v.length > MAX_IDEMPOTENCY_KEY) throw new HttpError(400, `Idempotency-Key longer than ${MAX_IDEMPOTENCY_KEY} characters`);
  return v;
}

/** Planning a retry, retrying one saga, retrying the sagas a filter matches: each needs an operator. */
export function retryRoutes(d: Deps): Route[] {
  const limit = (operator: string, n: number) => {
    const r = d.limiter.take(operator, n);
    if (!r.ok) throw new HttpError(429, `retry limit reached for ${operator}; try again in ${r.retryAfterS} s`, { 'retry-after': String(r.retryAfterS) });
  };
  return [
    {
      method: 'GET',
      pattern: /^\/api\/sagas\/([^/]+)\/retry-plan\/?$/,
      handle: ({ req, res, url, params: [raw] }) => {
        const operator = d.operatorOf(req);
        const query = RetryPlanQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) {
          sendError(res, 400, 'invalid query', formatIssues(query.error.issues));
          return;
        }
        const r = d.retries.plan(sagaIdParam(raw), operator, query.data.step, idempotencyKey(req.headers['idempotency-key']));
        if (!r.ok) sendError(res, r.status, r.reason);
        else sendJson(res, 200, r.plan);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sagas\/([^/]+)\/retry\/?$/,
      handle: async ({ req, res, params: [raw] }) => {
        const operator = d.operatorOf(req);
        const { step } = parseBody(RetryRequest, await readJsonBody(req));
        const key = idempotencyKey(req.headers['idempotency-key']);
        limit(operator, 1);
        const r = await d.retries.retry(sagaIdParam(raw), operator, step, key);
        if (!r.ok) sendError(res, r.status, r.reason);
        else sendJson(res, 202, r.accepted);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/retries\/?$/,
      handle: async ({ req, res }) => {
        const operator = d.operatorOf(req);
        const q = parseBody(BulkRetryRequest, await readJsonBody(req));
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
