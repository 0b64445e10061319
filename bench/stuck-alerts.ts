import { io as connect, type Socket } from 'socket.io-client';
import { AlertBatch, SOCKET_PATH, type ServerToClientEvents, type ClientToServerEvents } from '../lib/wire/socket';

/** A connection that cannot be made in this time means the monitor is not serving. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface Receipt {
  /** Wall clock when the first alert for the saga arrived. */
  receivedAt: number;
  /** The deadline the monitor says the saga crossed. */
  since: number;
}

export interface AlertWatch {
  /** First stuck alert per saga id, as the dashboard would have shown it. */
  readonly first: Map<string, Receipt>;
  /** Alerts raised so far, repeats included. */
  raised(): number;
  disconnects(): number;
  close(): void;
}

/** A dashboard's view of the stuck alerts: a socket.io client on the monitor's path, from the monitor's own origin. */
export async function watchAlerts(url: string): Promise<AlertWatch> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: url },
  });
  const first = new Map<string, Receipt>();
  let raised = 0;
  let disconnects = 0;
  const take = (receivedAt: number, alerts: Array<{ sagaId: string; since: number }>) => {
    for (const a of alerts) {
      raised += 1;
      if (!first.has(a.sagaId)) first.set(a.sagaId, { receivedAt, since: a.since });
    }
  };
  // The clock is read before validation so parsing does not count as detection delay.
  socket.on('hello', (m) => take(Date.now(), m.alerts));
  socket.on('alerts', (m) => {
    const at = Date.now();
    take(at, AlertBatch.parse(m).raised);
  });
  socket.on('disconnect', () => (disconnects += 1));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no socket.io connection to ${url} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { first, raised: () => raised, disconnects: () => disconnects, close: () => socket.close() };
}
