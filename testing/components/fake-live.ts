import { act } from '@testing-library/react';
import type { SagaSummary } from '../../lib/wire/rest';
import type { Connection, LiveContextValue } from '../../components/live/live-context';

type Listener = (changed: SagaSummary[], refetch: boolean) => void;

export interface FakeLive {
  value: LiveContextValue;
  /** Delivers one flushed batch to every listener, as the live provider does once per flush interval. */
  flush(changed: SagaSummary[], refetch?: boolean): void;
  listenerCount(): number;
}

/** A live feed without a socket: components under test get the context the live provider gives them. */
export function fakeLive(connection: Connection = 'live'): FakeLive {
  const listeners = new Set<Listener>();
  const value: LiveContextValue = {
    connection,
    onSagas(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  return {
    value,
    flush: (changed, refetch = false) => act(() => listeners.forEach((l) => l(changed, refetch))),
    listenerCount: () => listeners.size,
  };
}
