import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/wire/socket';
import { isAllowedHost } from '../http/allowed-hosts';
import { isSameOrigin } from '../http/same-origin';

interface Deps {
  /** From allowedHosts(); null answers any Host. */
  hosts: Set<string> | null;
  /** Whether the request may see sagas at all (with viewing closed, a signed-in session's only). */
  mayView: (req: IncomingMessage) => boolean;
}

/** socket.io on the monitor's HTTP server: a live feed only for this site's own pages, by a name it answers to. */
/** What the live feed keeps per socket: whether its updates are being dropped. */
interface FeedSocketData {
  lagging?: boolean;
}
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, FeedSocketData>;

export function createSocketServer(server: HttpServer, { hosts, mayView }: Deps): LiveServer {
  return new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, FeedSocketData>(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // Next's dev server owns other upgrade paths (HMR); engine.io must not end them.
    destroyUpgrade: false,
    allowRequest: (req, cb) => {
      if (!isAllowedHost(req, hosts)) return cb('this monitor does not answer to that host name', false);
      if (!isSameOrigin(req)) return cb('cross-origin socket connections are refused', false);
      if (!mayView(req)) return cb('sign in first', false);
      cb(null, true);
    },
  });
}
