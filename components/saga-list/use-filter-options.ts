'use client';

import { useMemo, useRef } from 'react';
import type { SagaListFilters } from '../../lib/query-keys';
import type { SagaListResponse } from '../../lib/wire/rest';
import { useStats } from '../live/use-snapshots';

/**
 * Type options come from the live stats; steps are not in the stats, so the step options are every current step
 * seen in loaded pages this session (a set that only grows, so narrowing the list never hides the other steps),
 * plus whatever the URL asks for.
 */
export function useFilterOptions(
  pages: SagaListResponse[] | undefined,
  filters: SagaListFilters,
  hydrated: boolean,
): { types: string[]; steps: string[] } {
  const { data } = useStats();
  const stats = hydrated ? data : undefined;
  const seen = useRef(new Set<string>());
  const scanned = useRef(new WeakSet<SagaListResponse>());
  const statTypes = stats ? Object.keys(stats.byType).join('\n') : '';
  const types = useMemo(
    () => [...new Set([...(statTypes ? statTypes.split('\n') : []), ...filters.type])].sort(),
    [statTypes, filters.type],
  );
  const steps = useMemo(() => {
    for (const page of hydrated ? (pages ?? []) : []) {
      if (scanned.current.has(page)) continue;
      scanned.current.add(page);
      for (const s of page.items) if (s.currentStep !== null) seen.current.add(s.currentStep);
    }
    return [...new Set([...seen.current, ...filters.step])].sort();
  }, [pages, filters.step, hydrated]);
  return { types, steps };
}
