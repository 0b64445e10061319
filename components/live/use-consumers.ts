'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '../../lib/api/fetch-json';
import { queryKeys } from '../../lib/query-keys';
import { ConsumersResponse } from '../../lib/wire/consumers';

/** The server reads consumer groups every 5 s by default; asking more often would only repeat its answer. */
export const CONSUMERS_REFRESH_MS = 5_000;

/** Consumers of every saga topic (GET /api/consumers), refreshed while `enabled`; shared by the alerts and Health. */
export function useConsumers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.consumers(),
    queryFn: ({ signal }) => fetchJson('/api/consumers', ConsumersResponse, signal),
    refetchInterval: enabled ? CONSUMERS_REFRESH_MS : false,
    enabled,
  });
}
