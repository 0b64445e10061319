import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket as NetSocket } from 'node:net';
import { Server as IOServer } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/wire/socket';
import type { HealthResponse } from '../../lib/wire/rest';
import { ev, ordersConfig } from '../../testing/fixtures/events';
import { pollUntil } from '../../lib/poll-until';
import { SagaStore } from '../store/saga-store';
import { MAX_PENDING_PACKETS, startLiveFeed } from './live-feed';

/** New sagas per producing round: enough to fill a paused client's kernel buffers within seconds. */
const SAGAS_PER_ROUND = 800;
/** Packets past MAX_PENDING_PACKETS the write in progress and a resync may add. */
const SLACK_PACKETS = 4;

const io = new IOServer<ClientToServerEvents, ServerToClientEvents>(createServer(), { path: SOCKET_PATH, serveClient: false });
const store = new SagaStore(ordersConfig(), Date.now);
let feed: ReturnType<typeof startLiveFeed>;
let url: string;
let n = 0;
let producing: ReturnType<typeof setInterval>;

beforeAll(async () => {
  const http = io.httpServer;
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  feed = startLiveFeed({ io, store, health: () => ({}) as HealthResponse, now: Date.now });
  producing = setInterval(() => {
    for (let i = 0; i < SAGAS_PER_ROUND; i++) store.apply(ev(`lf-${(n += 1)}`, 'start', Date.now()));
  }, 100);
});
afterAll(async () => {
  clearInterval(producing);
  feed.stop();
  await new Promise<void>((r) => void io.close(() => r()));
});

function client(): Promise<Socket> {
  const s = connect(url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('hello', () => resolve(s));
    s.once('connect_error', reject);
  });
}

describe('live feed and a client that stops reading', () => {
  it('stops queueing for it at MAX_PENDING_PACKETS, keeps the reading client whole, and tells the slow one to refetch', async () => {
    const reader = await client();
    const slow = await client();
    const seqs: number[] = [];
    reader.on('sagas', (m: { seq: number }) => seqs.push(m.seq));
    let resyncs = 0;
    slow.on('resync', () => (resyncs += 1));
    const raw = (slow.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
    raw.pause();
    const onServer = io.sockets.sockets.get(slow.id!)!;
    const queued = () => (onServer.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
    let most = 0;
    // Paused until the server has given up on it (it marks it lagging), watching its queue all along.
    await pollUntil('the server treats the paused client as slow', () => {
      most = Math.max(most, queued());
      return onServer.data.lagging === true;
    }, 60_000);
    const seqAtLag = feed.seq();
    await pollUntil('a dozen more batches while it stays paused', () => {
      most = Math.max(most, queued());
      return feed.seq() >= seqAtLag + 12;
    }, 30_000);
    expect(most).toBeLessThanOrEqual(MAX_PENDING_PACKETS + SLACK_PACKETS);
    raw.resume();
    await pollUntil('the slow client told to refetch', () => resyncs > 0, 30_000);
    seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1] + 1));
    expect(seqs.length).toBeGreaterThan(12);
    reader.close();
    slow.close();
  }, 120_000);
});
