import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH } from '../../lib/wire/socket';

export interface PageHandler {
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** Next's dev server (HMR); absent in production. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;
  close?: () => Promise<void>;
}

/** Next's handler for the dashboard pages, served in this process so the pages and the API share one store. */
export async function preparePages(pages: { dev: boolean; dir: string }, hostname: string, port: number): Promise<PageHandler> {
  const { default: next } = await import('next');
  const app = next({ dev: pages.dev, dir: pages.dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = pages.dev ? app.getUpgradeHandler() : undefined;
  return { handle: (req, res) => handle(req, res), upgrade, close: () => app.close() };
}

/** Hands Next the upgrades it owns (HMR in dev); socket.io's path stays socket.io's. */
export function forwardPageUpgrades(server: Server, pages: PageHandler): void {
  const upgrade = pages.upgrade;
  if (!upgrade) return;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith(SOCKET_PATH)) void upgrade(req, socket, head);
  });
}
