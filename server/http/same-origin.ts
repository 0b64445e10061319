import type { IncomingMessage } from 'node:http';

/** Browsers always send Origin on websocket and cross-site requests; a request without one is not from a page. */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
