import { mulberry32 } from '../prng';
import type { Route } from '../../server/http/route';

/** How to build a path for one route of the router: `{id}` stands for a saga id path segment. */
export interface RouteTemplate {
  method: Route['method'];
  path: string;
  /** The route reads a JSON body, so a bad body is a bad request. */
  readsBody: boolean;
  /** Query parameters the route reads: [valid values, invalid values]. */
  query?: Record<string, [string[], string[]]>;
  validBodies?: unknown[];
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  /** Bytes sent as a chunked stream instead of a body with a length. */
  streamBytes?: number;
  /** Why the request is certainly invalid for the route it was built for, by part; empty when it may well be valid. */
  faults: { path: string[]; query: string[]; body: string[] };
  template: RouteTemplate;
}

export interface FuzzContext {
  origin: string;
  token: string;
  cookie: string;
  knownIds: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'LOCK'];
const BAD_ESCAPES = ['%', '%E0%A4%A', '%FF', '%C0%AF', '%ED%A0%80', '%zz', 'a%2', '%u0041'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'a/b/c;;;=', ''];

const utf8 = (s: string) => new TextEncoder().encode(s);

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Requests for the given routes, the same ones for the same seed: mostly near-valid, each with one or more faults. */
export function* fuzzRequests(seed: number, templates: RouteTemplate[], ctx: FuzzContext): Generator<FuzzRequest> {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rand() < p;
  const noise = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + int(94))).join('');

  for (;;) {
    const t = pick(templates);
    const faults: FuzzRequest['faults'] = { path: [], query: [], body: [] };
    const method = chance(0.85) ? t.method : pick(METHODS);

    let id: string;
    const idKind = rand();
    if (idKind < 0.5) id = encodeURIComponent(pick(ctx.knownIds));
    else if (idKind < 0.65) id = `unknown-${int(1e6)}`;
    else if (idKind < 0.72) id = 'x'.repeat(1_000 + int(7_000));
    else if (idKind < 0.8) id = encodeURIComponent(pick(['\u00fc/\u20ac 😀', '<script>alert(1)</script>', '"; DROP TABLE sagas', '\u0000', ' ', '..', '%']));
    else if (idKind < 0.9) {
      id = `a${pick(BAD_ESCAPES)}`;
      if (t.path.includes('{id}')) faults.path.push('invalid URL encoding in the saga id');
    } else {
      id = pick(['..%2F..', '%2e%2e', '%00', Array.from({ length: 8 }, () => `%${int(256).toString(16).padStart(2, '0')}`).join('')]);
      if (t.path.includes('{id}') && !decodes(id)) faults.path.push('escapes that are not UTF-8 in the saga id');
    }

    let path = t.path.replace('{id}', id);
    const deco = rand();
    if (deco < 0.1) path += '/';
    else if (deco < 0.13) {
      path = path.replace('/api/', '/api//');
      faults.path.push('no route');
    } else if (deco < 0.16) {
      path += '/zz-extra';
      faults.path.push('no route');
    }

    const params: string[] = [];
    if (t.query) {
      for (const [name, [good, bad]] of Object.entries(t.query)) {
        if (!chance(0.3)) continue;
        if ((chance(0.7) && good.length > 0) || bad.length === 0) params.push(`${name}=${encodeURIComponent(pick(good))}`);
        else {
          params.push(`${name}=${encodeURIComponent(pick(bad))}`);
          faults.query.push(`bad ${name}`);
        }
      }
      if (chance(0.1)) {
        params.push(`${pick(['unknown', '__proto__', 'constructor', 'LIMIT', '%zz'])}=${noise(3)}`);
        faults.query.push('unknown query parameter');
      }
    } else if (chance(0.2)) params.push(`${pick(['limit', 'x', '__proto__', '%zz', ''])}=${pick(['-1', '1e309', noise(10), '%', 'a'.repeat(2_000)])}`);
    if (params.length > 0) path += `?${params.join('&')}`;

    const headers: Record<string, string> = {};
    const auth = rand();
    if (auth < 0.35) headers.authorization = `Bearer ${ctx.token}`;
    else if (auth < 0.5) headers.authorization = pick(['Bearer wrong-token-123', 'Bearer', 'Bearer ' + 'x'.repeat(3_000), 'Basic Zm9vOmJhcg==', 'bearer  ' + ctx.token + ' ', '']);
    else if (auth < 0.65) headers.cookie = ctx.cookie;
    else if (auth < 0.7) headers.cookie = pick(['saga_monitor_session=', 'saga_monitor_session=a; saga_monitor_session=b', '=;;=;', 'x'.repeat(3_000)]);
    if (chance(0.2)) headers.origin = pick(['http://evil.example', 'null', 'not a url', ctx.origin, '']);
    if (chance(0.1)) headers['idempotency-key'] = pick(['k-1', 'x'.repeat(300), '']);
    if (chance(0.1)) headers.accept = pick(['text/html', '*/*', 'application/xml', 'x;;q=abc']);
    if (chance(0.05)) headers['x-http-method-override'] = 'DELETE';
    if (chance(0.05)) headers.range = 'bytes=0-1';
    if (chance(0.05)) headers['x-forwarded-for'] = '10.0.0.1, ::1, garbage';

    const req: FuzzRequest = { method, path, headers, faults, template: t };
    if (method !== 'GET' && method !== 'HEAD') {
      const b = rand();
      const type = chance(0.85) ? 'application/json' : pick(CONTENT_TYPES);
      const typeOk = /^application\/json(; charset=utf-8)?$/i.test(type);
      const bad = (why: string) => faults.body.push(why);
      if (b < 0.3) {
        // no body
      } else if (b < 0.55) {
        req.body = utf8(JSON.stringify(t.validBodies ? pick(t.validBodies) : {}));
        headers['content-type'] = type;
        if (!typeOk) bad('wrong content type');
      } else if (b < 0.65) {
        req.body = utf8(pick(['{', '{"step":', "{'a':1}", 'null x', '{"token":"a",}', noise(20), '\u00ff\u00fe']));
        headers['content-type'] = type;
        bad('invalid JSON');
      } else if (b < 0.8) {
        req.body = utf8(pick(['null', '[]', '1', '"x"', 'true', '{"token":5}', '{"step":[]}', '{"max":"all"}', '{"max":1e9}', '{"max":0}', '{"extra":1}', '{"__proto__":{"max":1}}', '[['.repeat(3_000), '{"status":["nope"],"max":1}']));
        headers['content-type'] = type;
        bad('wrong JSON shape');
      } else if (b < 0.88) {
        req.body = utf8('{}');
        headers['content-type'] = pick(CONTENT_TYPES.slice(3));
        bad('wrong content type');
      } else if (b < 0.91) {
        req.body = new Uint8Array([0x7b, 0x22, 0x73, 0x74, 0x65, 0x70, 0x22, 0x3a, 0x22, 0xff, 0xc0, 0x22, 0x7d]);
        headers['content-type'] = 'application/json';
        bad('invalid UTF-8');
      } else if (b < 0.95) {
        const size = chance(0.8) ? 16_385 + int(100_000) : 1_100_000 + int(400_000);
        req.body = utf8(`{"step":"${'s'.repeat(size)}"}`);
        headers['content-type'] = 'application/json';
        bad('oversized body');
      } else if (b < 0.98) {
        req.streamBytes = chance(0.5) ? 20_000 + int(50_000) : 1_200_000;
        headers['content-type'] = 'application/json';
        bad('oversized body');
      } else {
        req.body = new Uint8Array(0);
        headers['content-type'] = type;
      }
      if (req.body && req.body.length > 0 && chance(0.05)) {
        headers['content-encoding'] = pick(['gzip', 'br', 'deflate']);
        bad('content encoding');
      }
    }
    yield req;
  }
}
