import { z } from 'zod';
import { HealthResponse, StatsResponse, StuckView } from './rest';
import { fromSagaRow, SagaRow } from './saga-rows';

/** socket.io catalog. The server sends at most one `sagas` message per flush interval, never one per record. */

/** A `sagas` message as sent: changed sagas as rows (lib/wire/saga-rows.ts). */
export const SagaBatchWire = z.object({
  /** Increases by one per batch; a client that sees a gap refetches. */
  seq: z.number(),
  rows: z.array(SagaRow),
  /** More sagas changed than one batch carries: refetch the list. */
  truncated: z.boolean(),
});
export type SagaBatchWire = z.infer<typeof SagaBatchWire>;

/** A `sagas` message as a client uses it: parsing turns its rows back into summaries. */
export const SagaBatch = SagaBatchWire.transform(({ seq, rows, truncated }) => ({ seq, items: rows.map(fromSagaRow), truncated }));
export type SagaBatch = z.output<typeof SagaBatch>;

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

/** Sent once per (re)connection: the seq the next batch follows, and every current alert. */
export const Hello = z.object({ seq: z.number(), alerts: z.array(StuckAlert) });
export type Hello = z.infer<typeof Hello>;

export const Resync = z.object({ reason: z.string() });

export const SOCKET_PATH = '/socket.io';

export interface ServerToClientEvents {
  hello: (m: Hello) => void;
  sagas: (m: SagaBatchWire) => void;
  alerts: (m: AlertBatch) => void;
  stats: (m: StatsResponse) => void;
  health: (m: HealthResponse) => void;
  resync: (m: z.infer<typeof Resync>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
