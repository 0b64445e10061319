'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while React hydrates the server HTML, true after. Caches the socket fills before this list hydrates (stats,
 * connection state) must not change the first client render, or hydration fails.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
