import type { Socket } from 'socket.io';
import type { LiveServer } from './socket-server';
import type { HealthResponse } from '../../lib/wire/rest';
import { toSagaRow, type SagaRow } from '../../lib/wire/saga-rows';
import type { ClientToServerEvents, ServerToClientEvents, StuckAlert } from '../../lib/wire/socket';
import type { SagaStore } from '../store/saga-store';

/** Changes are coalesced and pushed at most this often: live to a person, cheap for the server. */
export const FLUSH_INTERVAL_MS = 100;
/** Stats and health move slowly; once a second is enough for tiles and charts. */
export const STATS_INTERVAL_MS = 1_000;
/** A batch carries at most this many sagas; beyond it clients are told to refetch (typical during catch-up). */
export const MAX_BATCH_ITEMS = 1_000;
/** Packets queued for one client before it is considered slow; it then gets nothing but a resync once drained. */
export const MAX_PENDING_PACKETS = 20;

type IO = LiveServer;
type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

interface LiveFeedDeps {
  io: IO;
  store: SagaStore;
  health: () => HealthResponse;
  now: () => number;
  /** Adds what the server knows besides the store (the saga's consumers) to each alert it sends. */
  onAlert?: (alert: StuckAlert) => StuckAlert;
}

function pending(socket: ClientSocket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

type Event = keyof ServerToClientEvents;

/**
 * Sends to every client that keeps up; a slow client's updates are dropped and it is told to refetch later. One
 * broadcast encodes the message once for all clients (one emit per socket would serialize a batch fifty times), and
 * the queued packets of slow clients share that one encoding.
 */
function broadcast<E extends Event>(io: IO, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
  const lagging: string[] = [];
  for (const socket of io.sockets.sockets.values()) {
    if (pending(socket) > MAX_PENDING_PACKETS) {
      socket.data.lagging = true;
      lagging.push(socket.id);
      continue;
    }
    if (socket.data.lagging) {
      socket.data.lagging = false;
      socket.emit('resync', { reason: 'updates were dropped while this client was slow; refetch' });
    }
  }
  // Every socket is in the room named by its id.
  (lagging.length > 0 ? io.except(lagging) : io).emit(event, ...payload);
}

export function startLiveFeed({ io, store, health, now, onAlert = (a) => a }: LiveFeedDeps): { stop(): void; seq(): number } {
  let seq = 0;
  io.on('connection', (socket) => socket.emit('hello', { seq, alerts: store.alerts().map(onAlert) }));
  const flush = setInterval(() => {
    store.tick();
    const changes = store.drainChanges();
    // Nobody to tell: the changes are dropped unread (a client gets the state from the API after its hello), which
    // spares a catch-up with no dashboard open the summaries and encoding of every batch (5% of its time).
    if (io.sockets.sockets.size === 0) {
      if (changes.changed.length > 0) seq += 1;
      return;
    }
    if (changes.changed.length > 0) {
      seq += 1;
      const ids = changes.changed.slice(-MAX_BATCH_ITEMS);
      const rows: SagaRow[] = [];
      for (const id of ids) {
        const s = store.summary(id);
        if (s) rows.push(toSagaRow(s));
      }
      const batch = { seq, rows, truncated: changes.changed.length > ids.length };
      broadcast(io, 'sagas', batch);
    }
    if (changes.raised.length > 0 || changes.resolved.length > 0) {
      const alerts = { raised: changes.raised.map(onAlert), resolved: changes.resolved };
      broadcast(io, 'alerts', alerts);
    }
  }, FLUSH_INTERVAL_MS);
  const slow = setInterval(() => {
    if (io.sockets.sockets.size === 0) return;
    const stats = store.statsSnapshot(now());
    const h = health();
    broadcast(io, 'stats', stats);
    broadcast(io, 'health', h);
  }, STATS_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(flush);
      clearInterval(slow);
    },
    seq: () => seq,
  };
}
