import { z } from 'zod';

/** Messages between the load runner and its child processes (producer, client fleet), validated on arrival. */

export const ProducerStart = z.object({ type: z.literal('start'), brokers: z.string(), rate: z.number().positive(), seconds: z.number().positive(), seed: z.string() });
export const ProducerProgress = z.object({ type: z.literal('progress'), produced: z.number(), sagas: z.number(), behind: z.number() });
export const ProducerDone = z.object({
  type: z.literal('done'),
  produced: z.number(),
  sagas: z.number(),
  seconds: z.number(),
  /** The most records the producer was ever behind its schedule. */
  maxBehind: z.number(),
});
export const ProducerMessage = z.discriminatedUnion('type', [ProducerProgress, ProducerDone]);
export type ProducerMessage = z.infer<typeof ProducerMessage>;

export const SlowPlan = z.object({ afterMs: z.number().nonnegative(), pauseMs: z.number().positive() });
export const FleetStart = z.object({ type: z.literal('start'), url: z.string(), clients: z.number().int().positive(), slow: SlowPlan.nullable() });
export const FleetFinish = z.object({ type: z.literal('finish'), from: z.number(), to: z.number() });
export const FleetCommand = z.discriminatedUnion('type', [FleetStart, FleetFinish]);

export const ClientFigures = z.object({
  batches: z.number(),
  items: z.number(),
  truncated: z.number(),
  seqGaps: z.number(),
  stats: z.number(),
  health: z.number(),
  resyncs: z.number(),
  disconnects: z.number(),
  invalid: z.number(),
  bytes: z.number(),
  /** Longest time without any live message inside the measured window. */
  maxGapMs: z.number(),
  /** When that silence ended, in ms after the window's start. */
  maxGapEndMs: z.number(),
  maxPacketBytes: z.number(),
});
export type ClientFigures = z.infer<typeof ClientFigures>;

export const SlowOutcome = z.object({
  /**
   * resync: updates dropped and the client told to refetch; dropped: disconnected; queued-everything: the server kept
   * every batch for it; absorbed-by-kernel: the pause was too short to make it slow (kernel buffers held it all).
   */
  outcome: z.enum(['resync', 'dropped', 'queued-everything', 'absorbed-by-kernel', 'no-answer']),
  pausedMs: z.number(),
  /** When it stopped reading (epoch ms). */
  pausedAt: z.number(),
  /** Bytes the kernel held for this connection (server send queue + client receive queue) when it resumed reading. */
  kernelBytes: z.number(),
  /** Bytes read after resuming, up to the resync, the disconnect or catching up with the live batches. */
  bytesAfterResume: z.number(),
  /** What the server process itself held for this client: bytesAfterResume - kernelBytes. */
  serverHeldBytes: z.number(),
  /** What one reading client received while this one was paused: what a server queueing everything would hold. */
  unboundedBytes: z.number(),
  msToOutcome: z.number(),
  batchesAfterOutcome: z.number(),
});
export type SlowOutcome = z.infer<typeof SlowOutcome>;

export const FleetReady = z.object({ type: z.literal('ready'), connected: z.number() });
/** A time the dashboards' own process did not run its event loop: its clients could not read what arrived. */
export const Stall = z.object({ ms: z.number(), endedAt: z.number() });
export type Stall = z.infer<typeof Stall>;
export const FleetReport = z.object({ type: z.literal('report'), clients: z.array(ClientFigures), slow: SlowOutcome.nullable(), maxSeq: z.number(), stalls: z.array(Stall) });
export const FleetMessage = z.discriminatedUnion('type', [FleetReady, FleetReport]);
export type FleetMessage = z.infer<typeof FleetMessage>;
