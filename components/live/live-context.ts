'use client';

import { createContext, useContext, useEffect, useRef } from 'react';
import type { SagaSummary } from '../../lib/wire/rest';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface LiveContextValue {
  connection: Connection;
  /** Registers a listener for the sagas that changed since the last flush; returns the unsubscribe function. */
  onSagas(listener: (changed: SagaSummary[], refetch: boolean) => void): () => void;
}

export const LiveContext = createContext<LiveContextValue | null>(null);

export function useLive(): LiveContextValue {
  const v = useContext(LiveContext);
  if (!v) throw new Error('useLive must be used inside <Providers>');
  return v;
}

/** Calls `listener` with every flushed batch of changed sagas; the latest listener is used without resubscribing. */
export function useLiveSagas(listener: (changed: SagaSummary[], refetch: boolean) => void): void {
  const { onSagas } = useLive();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onSagas((c, r) => ref.current(c, r)), [onSagas]);
}
