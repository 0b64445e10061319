'use client';

import { useRef } from 'react';
import { sameRows } from '../../lib/charts/same-rows';

/**
 * The previous array while the values are the same, so a memoized chart skips rendering when a new stats object
 * (every second) did not change its series. Replacing the ref during render is idempotent for equal inputs.
 */
export function useStableRows<T extends object>(rows: T[]): T[] {
  const ref = useRef(rows);
  if (!sameRows(ref.current, rows)) ref.current = rows;
  return ref.current;
}
