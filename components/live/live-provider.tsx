'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { bufferAlerts, bufferSagaBatch, emptyBuffer, mergeAlerts, type LiveBuffer } from '../../lib/live/coalesce';
import { queryKeys } from '../../lib/query-keys';
import { HealthResponse, StatsResponse, type SagaSummary } from '../../lib/wire/rest';
import { AlertBatch, Hello, SagaBatch, SOCKET_PATH, type StuckAlert } from '../../lib/wire/socket';
import { LiveContext, type Connection, type LiveContextValue } from './live-context';

/** The socket is read into a buffer and flushed into the query cache at this pace: smooth, never per record. */
export const CLIENT_FLUSH_MS = 250;

type Listener = (changed: SagaSummary[], refetch: boolean) => void;

/** Owns the one socket.io connection and patches the query caches from it. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [connection, setConnection] = useState<Connection>('connecting');
  const buffer = useRef<LiveBuffer>(emptyBuffer());
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    const socket = io({ path: SOCKET_PATH, transports: ['websocket'] });
    socket.on('connect', () => setConnection('live'));
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.io.on('reconnect_attempt', () => setConnection('reconnecting'));
    socket.on('hello', (m) => {
      // A (re)connection may have missed batches: start from the server's seq and refetch what lists show. A hello
      // that does not parse gives no seq to follow (any next one is taken) and no alerts: the refetch reloads them.
      const parsed = Hello.safeParse(m);
      buffer.current = emptyBuffer(parsed.success ? parsed.data.seq : null);
      buffer.current.needsRefetch = true;
      if (parsed.success) qc.setQueryData<StuckAlert[]>(queryKeys.alerts(), parsed.data.alerts);
    });
    socket.on('sagas', (m) => {
      const parsed = SagaBatch.safeParse(m);
      if (parsed.success) bufferSagaBatch(buffer.current, parsed.data);
    });
    socket.on('alerts', (m) => {
      const parsed = AlertBatch.safeParse(m);
      if (parsed.success) bufferAlerts(buffer.current, parsed.data);
    });
    socket.on('stats', (m) => {
      const parsed = StatsResponse.safeParse(m);
      if (parsed.success) qc.setQueryData(queryKeys.stats(), parsed.data);
    });
    socket.on('health', (m) => {
      const parsed = HealthResponse.safeParse(m);
      if (parsed.success) qc.setQueryData(queryKeys.health(), parsed.data);
    });
    socket.on('resync', () => {
      buffer.current.needsRefetch = true;
    });
    const timer = setInterval(() => {
      const b = buffer.current;
      if (b.sagas.size === 0 && b.raised.size === 0 && b.resolved.size === 0 && !b.needsRefetch) return;
      buffer.current = emptyBuffer(b.lastSeq);
      if (b.raised.size > 0 || b.resolved.size > 0) {
        qc.setQueryData<StuckAlert[]>(queryKeys.alerts(), (cur) => mergeAlerts(cur, b.raised.values(), b.resolved));
      }
      const changed = [...b.sagas.values()];
      for (const s of changed) {
        if (qc.getQueryState(queryKeys.saga(s.id))) void qc.invalidateQueries({ queryKey: queryKeys.saga(s.id) });
      }
      if (b.needsRefetch) {
        void qc.invalidateQueries({ queryKey: queryKeys.alerts() });
        void qc.invalidateQueries({ queryKey: queryKeys.sagaLists() });
      }
      for (const l of listeners.current) l(changed, b.needsRefetch);
    }, CLIENT_FLUSH_MS);
    return () => {
      clearInterval(timer);
      socket.close();
    };
  }, [qc]);

  const onSagas = useCallback((l: Listener) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const value = useMemo<LiveContextValue>(() => ({ connection, onSagas }), [connection, onSagas]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
