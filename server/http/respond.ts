import type { ServerResponse } from 'node:http';
import type { ApiError } from '../../lib/wire/rest';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** A body already encoded (a cached answer). */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, details?: string[], headers?: Record<string, string>): void {
  const body: ApiError = details && details.length > 0 ? { error, details } : { error };
  sendJson(res, status, body, headers);
}
