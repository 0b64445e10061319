'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '../../lib/api/fetch-json';
import { queryKeys } from '../../lib/query-keys';
import { HealthResponse, SagaDetail, StatsResponse } from '../../lib/wire/rest';
import { StuckAlert } from '../../lib/wire/socket';
import { CONSUMERS_REFRESH_MS } from './use-consumers';

/** GET /api/alerts. */
export const AlertList = z.object({ items: z.array(StuckAlert) });

/** Snapshots fetched once and then kept current by the socket (staleTime: Infinity). */
export function useStats() {
  return useQuery({ queryKey: queryKeys.stats(), queryFn: ({ signal }) => fetchJson('/api/stats', StatsResponse, signal) });
}

export function useHealth() {
  return useQuery({ queryKey: queryKeys.health(), queryFn: ({ signal }) => fetchJson('/api/health', HealthResponse, signal) });
}

export function useAlerts() {
  return useQuery({
    queryKey: queryKeys.alerts(),
    queryFn: async ({ signal }) => (await fetchJson('/api/alerts', AlertList, signal)).items,
  });
}

/** One saga's detail; the live feed invalidates it when the saga changes, and the previous data stays shown meanwhile. */
export function useSaga(id: string) {
  return useQuery({
    queryKey: queryKeys.saga(id),
    queryFn: ({ signal }) => fetchJson(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail, signal),
    placeholderData: keepPreviousData,
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 1,
    // Consumer-group facts change without any saga changing (a service stops): a waiting saga asks again as they do.
    refetchInterval: (q) => (q.state.data && q.state.data.endedAt === null && q.state.data.consumers !== undefined ? CONSUMERS_REFRESH_MS : false),
  });
}
