import type { Socket as NetSocket } from 'node:net';
import type { SlowOutcome } from './ipc';
import { LiveClient } from './live-client';
import { kernelQueuedBytes } from './tcp-queues';

/** After resuming, the server has this long to say "refetch" (or drop the client); a resync comes within one flush. */
const OUTCOME_DEADLINE_MS = 30_000;

/** Bytes past the kernel's queues that still count as nothing held: the batches sent while the client drained. */
const CAUGHT_UP_SLACK_BYTES = 256 * 1024;

type RawSocketHolder = { ws?: { _socket?: NetSocket } };

/**
 * A dashboard that stops reading its socket (a frozen tab, a saturated client): its TCP connection is paused for
 * `pauseMs`, so the kernel buffers fill and the server must either queue, coalesce or drop. On resuming, every byte
 * up to the resync or disconnect is counted; what the kernel held is subtracted, the rest was held by the server.
 */
export async function runSlowClient(url: string, afterMs: number, pauseMs: number, reference: LiveClient, stopSignal: Promise<void>): Promise<SlowOutcome> {
  const client = new LiveClient(url, true);
  await client.connected();
  await Promise.race([new Promise((r) => setTimeout(r, afterMs)), stopSignal]);
  const raw = (client.socket.io.engine.transport as unknown as RawSocketHolder).ws?._socket;
  if (!raw) throw new Error('slow client: no websocket under the socket.io connection');
  let counting = false;
  let bytesAfterResume = 0;
  raw.on('data', (d: Buffer) => {
    if (counting) bytesAfterResume += d.length;
  });
  raw.pause();
  const pausedAt = Date.now();
  const referenceBytesAtPause = reference.figures.bytes;
  await Promise.race([new Promise((r) => setTimeout(r, pauseMs)), stopSignal]);
  const unboundedBytes = reference.figures.bytes - referenceBytesAtPause;
  const kernelBytes = kernelQueuedBytes(raw.localPort!, raw.remotePort!);
  const batchesBefore = client.figures.batches;
  const resumedAt = Date.now();
  counting = true;

  const outcome = await new Promise<{ kind: SlowOutcome['outcome']; at: number }>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: client.figures.batches > batchesBefore ? 'queued-everything' : 'no-answer', at: Date.now() }), OUTCOME_DEADLINE_MS);
    const done = (kind: SlowOutcome['outcome']) => {
      clearTimeout(timer);
      client.onResync = null;
      client.onBatch = null;
      counting = false;
      resolve({ kind, at: Date.now() });
    };
    client.onResync = () => done('resync');
    // Caught up without a resync: every batch was delivered, from the kernel's buffers or the server's memory.
    client.onBatch = () => {
      if (reference.lastSeq === null || client.lastSeq === null || client.lastSeq < reference.lastSeq) return;
      done(bytesAfterResume > kernelBytes + CAUGHT_UP_SLACK_BYTES ? 'queued-everything' : 'absorbed-by-kernel');
    };
    client.socket.once('disconnect', () => done('dropped'));
    raw.resume();
  });
  const batchesAtOutcome = client.figures.batches;
  await stopSignal;
  client.close();
  return {
    outcome: outcome.kind,
    pausedMs: resumedAt - pausedAt,
    pausedAt,
    kernelBytes,
    bytesAfterResume,
    serverHeldBytes: Math.max(0, bytesAfterResume - kernelBytes),
    unboundedBytes,
    msToOutcome: outcome.at - resumedAt,
    batchesAfterOutcome: client.figures.batches - batchesAtOutcome,
  };
}
