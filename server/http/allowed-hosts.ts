import type { IncomingMessage } from 'node:http';

/** Names a browser uses for this machine's loopback interface. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const LOOPBACK_ADDRESSES = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Which Host names the monitor answers to; null answers any. A page on another site can have its own name resolve to
 * 127.0.0.1 (DNS rebinding): its requests then carry a matching Origin and Host, so the Origin check alone lets them
 * in. Listening on loopback, only loopback names can be genuine; listening wider, SAGA_MONITOR_ALLOWED_HOSTS says.
 */
export function allowedHosts(listenHost: string, configured: readonly string[] | undefined): Set<string> | null {
  if (configured && configured.length > 0) return new Set([...configured.map((h) => h.toLowerCase()), ...LOOPBACK_NAMES]);
  return LOOPBACK_ADDRESSES.has(listenHost) ? new Set(LOOPBACK_NAMES) : null;
}

/** The Host header without its port: `[::1]:3000` -> `[::1]`, `Example.com:80` -> `example.com`. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** A request without Host (HTTP/1.0, tools) is no browser's, so not a rebinding one: it passes. */
export function isAllowedHost(req: IncomingMessage, allowed: Set<string> | null): boolean {
  const host = req.headers.host;
  return allowed === null || host === undefined || allowed.has(hostName(host));
}
