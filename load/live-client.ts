import { io, type Socket } from 'socket.io-client';
import { SagaBatch, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../lib/wire/socket';
import type { ClientFigures } from './ipc';
import { lightParser } from './light-parser';


export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One dashboard's connection: websocket only, as components/live/live-provider.tsx connects. */
export class LiveClient {
  readonly socket: LiveSocket;
  /** Arrival times of every live message, for the longest silence inside a window. */
  readonly arrivals: number[] = [];
  readonly figures: ClientFigures = { batches: 0, items: 0, truncated: 0, seqGaps: 0, stats: 0, health: 0, resyncs: 0, disconnects: 0, invalid: 0, bytes: 0, maxGapMs: 0, maxGapEndMs: 0, maxPacketBytes: 0 };
  lastSeq: number | null = null;
  helloCount = 0;
  onResync: (() => void) | null = null;
  onBatch: (() => void) | null = null;

  /** `index` spreads the clients' full parses over different batches (see light-parser.ts). */
  constructor(url: string, reconnection = false, index = 0) {
    const f = this.figures;
    // Batches are counted from their text and one in FULL_PARSE_EVERY is parsed and validated (see light-parser.ts).
    this.socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], reconnection, forceNew: true, parser: lightParser(index) });
    this.socket.on('hello', (m) => {
      this.helloCount += 1;
      this.lastSeq = m.seq;
    });
    this.socket.on('sagas', (m) => {
      this.arrivals.push(Date.now());
      f.batches += 1;
      f.items += m.rows.length;
      if (m.truncated) f.truncated += 1;
      if (!('light' in m) && !SagaBatch.safeParse(m).success) f.invalid += 1;
      if (this.lastSeq !== null && m.seq !== this.lastSeq + 1) f.seqGaps += 1;
      this.lastSeq = m.seq;
      this.onBatch?.();
    });
    this.socket.on('stats', () => {
      this.arrivals.push(Date.now());
      f.stats += 1;
    });
    this.socket.on('health', () => {
      this.arrivals.push(Date.now());
      f.health += 1;
    });
    this.socket.on('resync', () => {
      f.resyncs += 1;
      this.onResync?.();
    });
    this.socket.on('disconnect', () => (f.disconnects += 1));
    this.socket.io.on('open', () => {
      this.socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
        if (typeof p.data !== 'string') return;
        f.bytes += p.data.length;
        f.maxPacketBytes = Math.max(f.maxPacketBytes, p.data.length);
      });
    });
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.helloCount > 0) return resolve();
      this.socket.once('hello', () => resolve());
      this.socket.once('connect_error', (e) => reject(new Error(`live client could not connect: ${e.message}`)));
    });
  }

  /** Figures with the longest silence between `from` and `to` (epoch ms). */
  report(from: number, to: number): ClientFigures {
    let last = from;
    let maxGap = 0;
    let maxGapEnd = from;
    for (const t of this.arrivals) {
      if (t < from || t > to) continue;
      if (t - last > maxGap) {
        maxGap = t - last;
        maxGapEnd = t;
      }
      last = t;
    }
    if (to - last > maxGap) {
      maxGap = to - last;
      maxGapEnd = to;
    }
    return { ...this.figures, maxGapMs: maxGap, maxGapEndMs: maxGapEnd - from };
  }

  close(): void {
    this.socket.close();
  }
}
