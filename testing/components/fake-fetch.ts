import type { z } from 'zod';
import { afterEach, vi } from 'vitest';
import type { ApiError } from '../../lib/wire/rest';

/** One HTTP answer of the fake server. */
export interface Answer {
  status: number;
  body: unknown;
}

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** A fixed answer, or one computed from the request (a promise for an answer the test releases later). */
export type Handler = Answer | ((req: SeenRequest) => Answer | Promise<Answer>);

export interface FakeFetch {
  /** Answers `method path` (path without the query) with `handler` from now on; a later route for it wins. */
  on(method: string, path: string, handler: Handler): FakeFetch;
  requests(method?: string, path?: string): SeenRequest[];
}

/** A body the wire schema accepts, checked here, so a fake answer cannot drift from what the server sends. */
export function answer<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200): Answer {
  return { status, body: schema.parse(body) };
}

/** A body that breaks its wire schema on purpose: what a client must refuse. */
export function invalidAnswer(body: unknown, status = 200): Answer {
  return { status, body };
}

/** An error answer in the server's shape (ApiError). */
export function failure(status: number, error: string): Answer {
  return { status, body: { error } satisfies ApiError };
}

/** An answer the test releases when it wants: for states shown while a request is in flight. */
export function deferred(): { handler: () => Promise<Answer>; resolve(a: Answer): void } {
  let release: (a: Answer) => void = () => {};
  const pending = new Promise<Answer>((r) => (release = r));
  return { handler: () => pending, resolve: (a) => release(a) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Replaces global fetch for the current test with routes the test declares; anything else gets a 501. */
export function fakeFetch(): FakeFetch {
  const routes = new Map<string, Handler>();
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://monitor.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const text = typeof init.body === 'string' ? init.body : undefined;
    const req: SeenRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: text === undefined ? undefined : JSON.parse(text),
    };
    seen.push(req);
    const handler = routes.get(`${method} ${url.pathname}`);
    const a = handler === undefined ? failure(501, `no fake answer for ${method} ${url.pathname}`) : typeof handler === 'function' ? await handler(req) : handler;
    return new Response(a.status === 204 ? null : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  });
  const fake: FakeFetch = {
    on(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
      return fake;
    },
    requests: (method, path) => seen.filter((r) => (method === undefined || r.method === method) && (path === undefined || r.path === path)),
  };
  return fake;
}
