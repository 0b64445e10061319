import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BulkRetryPreview, BulkRetryRun, RETRIES_PER_WINDOW, RetryRequest } from '../../lib/retry/retry-wire';
import { formatIssues } from '../config/load-config';
import { parseBody } from '../http/parse-body';
import type { RateLimiter } from '../http/rate-limit';
import { HttpError, readJsonBody } from '../http/read-body';
import { sendError, sendJson } from '../http/respond';
import type { Route } from '../http/route';
import { sagaIdParam } from '../http/saga-id-param';
import { listSagas } from '../store/list-sagas';
import type { SagaStore } from '../store/saga-store';
import { BULK_PLAN_TTL_MS, type BulkPlans, type PlannedRetry } from './bulk-plans';
import type { RetryService } from './retry-service';

export { RETRIES_PER_WINDOW };
/** Fields of a bulk request that make it a preview (a filter); a retry names its sagas instead. */
const PREVIEW_KEYS = Object.keys(BulkRetryPreview.shape);
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
  /** The dry runs' plans, which the retry that follows names. */
  plans: BulkPlans;
}

function idempotencyKey(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v === '') return undefined;
  if (v.length > MAX_IDEMPOTENCY_KEY) throw new HttpError(400, `Idempotency-Key longer than ${MAX_IDEMPOTENCY_KEY} characters`);
  return v;
}

/** Planning a retry, retrying one saga, retrying the sagas a filter matches: each needs an operator. */
export function retryRoutes(d: Deps): Route[] {
  /** The sagas a filter matches now, newest start first (the list's sort=started), each with its plan or why not; the planned ones become a plan. */
  const preview = (operator: string, q: BulkRetryPreview) => {
    const matched = listSagas(d.store, {
      status: q.status ?? ['stuck'],
      type: q.type ? [q.type] : undefined,
      step: q.step ? [q.step] : undefined,
      q: q.q,
      sort: 'started',
      limit: q.max,
      cursor: undefined,
    });
    const planned: PlannedRetry[] = [];
    const items = matched.items.map((s) => {
      const p = d.retries.plan(s.id, operator);
      if (!p.ok) return { sagaId: s.id, error: p.reason };
      planned.push({ sagaId: s.id, step: p.plan.step, phase: p.plan.phase });
      return { sagaId: s.id, plan: p.plan };
    });
    return { dryRun: true, matched: matched.total, planId: planned.length > 0 ? d.plans.create(operator, planned) : null, items };
  };
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
        const r = d.retries.plan(sagaIdParam(raw), operator, { step: query.data.step, idempotencyKey: idempotencyKey(req.headers['idempotency-key']) });
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
        const r = await d.retries.retry(sagaIdParam(raw), operator, { step, idempotencyKey: key });
        if (!r.ok) sendError(res, r.status, r.reason);
        else sendJson(res, 202, r.accepted);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/retries\/?$/,
      handle: async ({ req, res }) => {
        const operator = d.operatorOf(req);
        const body = await readJsonBody(req);
        // A filter (or dryRun) is a preview, whatever else the body says: then the schema names what is wrong with it.
        const isPreview = typeof body === 'object' && body !== null && PREVIEW_KEYS.some((k) => k in body);
        const refused = d.retries.refusal();
        if (refused) throw new HttpError(409, refused);
        if (isPreview) {
          sendJson(res, 200, preview(operator, parseBody(BulkRetryPreview, body)));
          return;
        }
        const run = parseBody(BulkRetryRun, body);
        const named: Array<Partial<PlannedRetry> & { sagaId: string }> | null = run.planId !== undefined ? d.plans.find(operator, run.planId) : run.ids!.map((sagaId) => ({ sagaId }));
        if (named === null) throw new HttpError(404, `no plan ${run.planId} of ${operator}: plans are used once and last ${BULK_PLAN_TTL_MS / 60_000} minutes; run the dry run again`);
        // Over the limit the plan stays, to be sent once the window allows.
        limit(operator, named.length);
        if (run.planId !== undefined) d.plans.remove(run.planId);
        const items = [];
        // One after another, in the plan's order: each retry is planned again on the state it meets.
        for (const n of named) {
          const r = await d.retries.retry(n.sagaId, operator, { step: n.step, phase: n.phase });
          items.push(r.ok ? { sagaId: n.sagaId, accepted: r.accepted } : { sagaId: n.sagaId, error: r.reason });
        }
        sendJson(res, 202, { dryRun: false, matched: named.length, planId: run.planId ?? null, items });
      },
    },
  ];
}
