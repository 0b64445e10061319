import type { IncomingMessage, ServerResponse } from 'node:http';
import { SagaListQuery, type AgingResponse } from '../../lib/wire/rest';
import { AGING_BUCKETS, agingRows } from '../../lib/saga/aging';
import { formatIssues } from '../config/load-config';
import { BadCursorError, listSagas } from '../store/list-sagas';
import type { SagaStore } from '../store/saga-store';
import type { Logger } from '../logger';
import type { Responders } from '../kafka/responders';
import { sendError, sendJson, sendJsonText } from './respond';
import { HttpError } from './read-body';
import { requestUrl } from './request-url';
import type { Route } from './route';
import { sagaIdParam, shownId } from './saga-id-param';

export interface ApiDeps {
  store: SagaStore;
  health: () => unknown;
  now: () => number;
  log: Logger;
  /** More routes (retries, sessions), matched before the read-only ones. */
  extraRoutes?: Route[];
  /** Runs before every route; throws an HttpError to refuse the request. */
  guard?: (req: IncomingMessage, path: string) => void;
  /** Consumer groups of the saga topics; without it, details and alerts carry none and /api/consumers lists none. */
  consumers?: Responders;
}

/** The read-only routes: sagas, one saga, stats, alerts, aging, health, step durations, consumers. */
export function readRoutes(d: Pick<ApiDeps, 'store' | 'health' | 'now' | 'consumers'>): Route[] {
  let alertsCache: { version: number; text: string } | null = null;
  return [
    {
      method: 'GET',
      pattern: /^\/api\/sagas\/?$/,
      handle: ({ res, url }) => {
        const parsed = SagaListQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) {
          sendError(res, 400, 'invalid query', formatIssues(parsed.error.issues));
          return;
        }
        try {
          sendJson(res, 200, listSagas(d.store, parsed.data));
        } catch (e) {
          if (e instanceof BadCursorError) sendError(res, 400, 'invalid query', [`cursor: ${e.message}`]);
          else throw e;
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sagas\/([^/]+)\/?$/,
      handle: ({ res, params: [rawId] }) => {
        const id = sagaIdParam(rawId);
        const detail = d.store.detail(id);
        const consumers = detail ? d.consumers?.ofSaga(id) : undefined;
        if (!detail) sendError(res, 404, `no saga with id ${shownId(id)} has been seen; check the id, or wait for catch-up to finish`);
        else sendJson(res, 200, consumers ? { ...detail, consumers } : detail);
      },
    },
    { method: 'GET', pattern: /^\/api\/stats\/?$/, handle: ({ res }) => sendJson(res, 200, d.store.statsSnapshot(d.now())) },
    {
      method: 'GET',
      pattern: /^\/api\/alerts\/?$/,
      handle: ({ res }) => {
        // Every stuck saga, so the body is the API's largest; it changes only when the store's alert version does.
        if (alertsCache?.version !== d.store.alertsVersion) {
          const alerts = d.store.alerts();
          alertsCache = { version: d.store.alertsVersion, text: JSON.stringify({ items: d.consumers ? alerts.map((a) => d.consumers!.onAlert(a)) : alerts }) };
        }
        sendJsonText(res, 200, alertsCache.text);
      },
    },
    { method: 'GET', pattern: /^\/api\/consumers\/?$/, handle: ({ res }) => sendJson(res, 200, { items: d.consumers?.all() ?? [] }) },
    {
      method: 'GET',
      pattern: /^\/api\/aging\/?$/,
      handle: ({ res }) => {
        const now = d.now();
        const body: AgingResponse = { at: now, buckets: AGING_BUCKETS.map((b) => b.label), rows: agingRows(d.store.sagas.values(), (id) => d.store.stuck.has(id), now) };
        sendJson(res, 200, body);
      },
    },
    { method: 'GET', pattern: /^\/api\/health\/?$/, handle: ({ res }) => sendJson(res, 200, d.health()) },
    { method: 'GET', pattern: /^\/api\/step-durations\/?$/, handle: ({ res }) => sendJson(res, 200, d.store.slowSteps.report()) },
  ];
}

/** Serves /api/* on the same HTTP server as the pages; returns false for paths it does not own. */
export function createApiRouter(d: ApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const all = [...(d.extraRoutes ?? []), ...readRoutes(d)];

  const dispatch = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    d.guard?.(req, url.pathname);
    const matching = all.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) {
      sendError(res, 404, `no API route ${url.pathname}; see the README for the API`);
      return;
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = matching.find((r) => r.method === method);
    if (!route) {
      const allow = [...new Set(matching.map((r) => r.method))].join(', ');
      sendError(res, 405, `${req.method} is not allowed on ${url.pathname}; use ${allow}`, undefined, { allow });
      return;
    }
    await route.handle({ req, res, url, params: route.pattern.exec(url.pathname)!.slice(1) });
  };

  return (req, res) => {
    const url = requestUrl(req);
    if (!url) {
      // An absolute-form target the URL parser refuses (`GET http://[::1 HTTP/1.1`): no route can own it.
      sendError(res, 400, 'the request target is not a valid URL');
      return true;
    }
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    dispatch(req, res, url).catch((e: unknown) => {
      if (e instanceof HttpError) {
        if (!res.headersSent) sendError(res, e.status, e.message, undefined, e.headers);
        return;
      }
      d.log.error(`api ${req.method} ${url.pathname}: ${String((e as Error).stack ?? e)}`);
      if (!res.headersSent) sendError(res, 500, 'internal error; the server log has the details');
    });
    return true;
  };
}
