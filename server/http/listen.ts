import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerWireErrors } from './wire-errors';

/** One HTTP server for the API, the pages and socket.io, listening; `port` is the bound one (0 picks a free port). */
export async function listenHttp(port: number, hostname: string): Promise<{ server: Server; port: number; url: string }> {
  const server = createServer();
  answerWireErrors(server);
  server.listen(port, hostname);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return { server, port: bound, url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${bound}` };
}

/** Ends kept-alive connections too, so a stop does not wait for browsers to let go. */
export async function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
