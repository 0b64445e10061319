'use client';

import { useEffect, useState } from 'react';

/** Ages are shown to the second. */
export const AGE_TICK_MS = 1000;

/** The current time, refreshed while `active`: one timer for a whole list of ages, never one per row. */
export function useNow(active: boolean, intervalMs = AGE_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return now;
}
