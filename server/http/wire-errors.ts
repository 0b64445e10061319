import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { sendError } from './respond';

/** Status for the HTTP parser errors that are not a plain 400, as Node's own default handler answers them. */
const PARSER_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** A JSON answer written straight to the socket, for requests the HTTP parser never turned into a request object. */
function rawJsonAnswer(socket: Duplex, status: number, error: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ error });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'x-content-type-options: nosniff',
    'connection: close',
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * Answers what never reaches the router with a JSON reason, like every other API error: requests the HTTP parser
 * refuses (unknown method, bad header, oversized headers), an `Expect` other than 100-continue, and CONNECT.
 */
export function answerWireErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string; reason?: string }, socket: Duplex) => {
    const started = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
    if (err.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const status = PARSER_STATUS[err.code ?? ''] ?? 400;
    const why = status === 431 ? 'request headers too large' : `malformed HTTP request: ${err.reason ?? err.code ?? err.message}`;
    rawJsonAnswer(socket, status, why);
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    sendError(res, 417, `only "Expect: 100-continue" is supported (got "${req.headers.expect}")`);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    rawJsonAnswer(socket, 405, 'CONNECT is not supported: this server is no proxy', { allow: 'GET, POST, DELETE' });
  });
}
