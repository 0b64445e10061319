import type { IncomingMessage } from 'node:http';

/**
 * The URL of a request, or null when its target cannot be parsed: Node's HTTP parser accepts absolute-form targets
 * such as `http://[::1` that `new URL` throws on, and a throw in a request listener would end the process.
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}
