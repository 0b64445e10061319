import { z } from 'zod';
import { HealthResponse, SagaSummary, StatsResponse, StuckView } from './rest';

/** socket.io catalog. The server sends at most one `sagas` message per flush interval, never one per record. */

export const SagaBatch = z.object({
  /** Increases by one per batch; a client that sees a gap refetches. */
  seq: z.number(),
  items: z.array(SagaSummary),
  /** More sagas changed than one batch carries: refetch the list. */
  truncated: z.boolean(),
});
export type SagaBatch = z.infer<typeof SagaBatch>;

export const StuckAlert = StuckView.extend({
  sagaId: z.string(),
  sagaType: z.string(),
  /**
   * Topics the saga waits to be answered from, filled as the alert leaves the server; their consumers are on
   * GET /api/consumers (one copy per topic, however many sagas wait on it, and current rather than as raised).
   */
  answeredFrom: z.array(z.string()).optional(),
});
export type StuckAlert = z.infer<typeof StuckAlert>;

export const AlertBatch = z.object({ raised: z.array(StuckAlert), resolved: z.array(z.string()) });
export type AlertBatch = z.infer<typeof AlertBatch>;

export const Resync = z.object({ reason: z.string() });

export const SOCKET_PATH = '/socket.io';

export interface ServerToClientEvents {
  hello: (m: { seq: number; alerts: StuckAlert[] }) => void;
  sagas: (m: SagaBatch) => void;
  alerts: (m: AlertBatch) => void;
  stats: (m: StatsResponse) => void;
  health: (m: HealthResponse) => void;
  resync: (m: z.infer<typeof Resync>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
