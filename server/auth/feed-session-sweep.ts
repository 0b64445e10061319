import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/wire/socket';
import { readCookie, SESSION_COOKIE, type Sessions } from './sessions';

/** An expired session's live feed is closed within this long (signing out closes it at once). */
export const SESSION_SWEEP_MS = 30_000;

/**
 * With viewing closed, a live feed belongs to the session that opened it: signing out closes it at once, and a sweep
 * closes those whose session expired, so a signed-out browser stops receiving sagas. Returns the sweep's stop.
 */
export function closeFeedsOfEndedSessions(io: Server<ClientToServerEvents, ServerToClientEvents>, sessions: Sessions, sweepMs = SESSION_SWEEP_MS): () => void {
  const sessionOf = (socket: { request: IncomingMessage }) => readCookie(socket.request.headers.cookie, SESSION_COOKIE);
  sessions.onEnd((id) => {
    for (const socket of io.sockets.sockets.values()) if (sessionOf(socket) === id) socket.disconnect(true);
  });
  const sweep = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) if (!sessions.operatorOf(sessionOf(socket))) socket.disconnect(true);
  }, sweepMs);
  sweep.unref();
  return () => clearInterval(sweep);
}
