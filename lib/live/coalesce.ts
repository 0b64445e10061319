import type { SagaSummary } from '../wire/rest';
import type { AlertBatch, SagaBatch, StuckAlert } from '../wire/socket';

/** What the client collected from the socket between two flushes into the query cache. */
export interface LiveBuffer {
  /** Latest summary per saga id. */
  sagas: Map<string, SagaSummary>;
  raised: Map<string, StuckAlert>;
  resolved: Set<string>;
  /** A batch was missed or truncated: the lists must be refetched, not patched. */
  needsRefetch: boolean;
  lastSeq: number | null;
}

export function emptyBuffer(lastSeq: number | null = null): LiveBuffer {
  return { sagas: new Map(), raised: new Map(), resolved: new Set(), needsRefetch: false, lastSeq };
}

/** Adds one socket batch; a gap in `seq` or a truncated batch marks the buffer for a refetch. */
export function bufferSagaBatch(buf: LiveBuffer, batch: SagaBatch): LiveBuffer {
  if (batch.truncated || (buf.lastSeq !== null && batch.seq !== buf.lastSeq + 1)) buf.needsRefetch = true;
  buf.lastSeq = batch.seq;
  for (const s of batch.items) buf.sagas.set(s.id, s);
  return buf;
}

export function bufferAlerts(buf: LiveBuffer, batch: AlertBatch): LiveBuffer {
  for (const a of batch.raised) {
    buf.raised.set(a.sagaId, a);
    buf.resolved.delete(a.sagaId);
  }
  for (const id of batch.resolved) {
    buf.raised.delete(id);
    buf.resolved.add(id);
  }
  return buf;
}

/** The stuck list after raised and resolved alerts: newest stuck first, one entry per saga. */
export function mergeAlerts(current: StuckAlert[] | undefined, raised: Iterable<StuckAlert>, resolved: ReadonlySet<string>): StuckAlert[] {
  const byId = new Map((current ?? []).map((a) => [a.sagaId, a]));
  for (const a of raised) byId.set(a.sagaId, a);
  for (const id of resolved) byId.delete(id);
  return [...byId.values()].sort((a, b) => b.since - a.since || (a.sagaId < b.sagaId ? -1 : 1));
}
