import { io as connect, type Socket } from 'socket.io-client';
import { SagaBatch, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../lib/wire/socket';

/** A connection that cannot be made in this time means the monitor is not serving. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface FeedCounts {
  batches: number;
  items: number;
  /** Batches that said more sagas changed than they carry (a dashboard refetches then). */
  truncated: number;
  /** Batches after a gap in `seq`. */
  gaps: number;
  /** The server dropped updates for this client as slow. */
  resyncs: number;
  invalid: number;
  disconnects: number;
}

export interface FeedWatch {
  counts(): FeedCounts;
  close(): void;
}

/**
 * A dashboard's live feed: a socket.io client on the monitor's path and origin, handing every saga update to
 * `onItem` with the time its batch arrived.
 */
export async function watchFeed(url: string, onItem: (sagaId: string, eventCount: number, receivedAt: number) => void): Promise<FeedWatch> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: url },
  });
  const counts: FeedCounts = { batches: 0, items: 0, truncated: 0, gaps: 0, resyncs: 0, invalid: 0, disconnects: 0 };
  let lastSeq: number | null = null;
  socket.on('hello', (m) => (lastSeq = m.seq));
  socket.on('sagas', (m) => {
    // The clock is read before validation so parsing does not count as latency.
    const receivedAt = Date.now();
    const b = SagaBatch.safeParse(m);
    if (!b.success) {
      counts.invalid += 1;
      return;
    }
    counts.batches += 1;
    counts.items += b.data.items.length;
    if (b.data.truncated) counts.truncated += 1;
    if (lastSeq !== null && b.data.seq !== lastSeq + 1) counts.gaps += 1;
    lastSeq = b.data.seq;
    for (const s of b.data.items) onItem(s.id, s.eventCount, receivedAt);
  });
  socket.on('resync', () => (counts.resyncs += 1));
  socket.on('disconnect', () => (counts.disconnects += 1));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no socket.io connection to ${url} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { counts: () => ({ ...counts }), close: () => socket.close() };
}
