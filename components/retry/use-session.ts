'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiFailure, fetchJson } from '../../lib/api/fetch-json';
import { SessionView } from '../../lib/wire/rest';

export const sessionKey = ['saga-monitor', 'session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: ({ signal }) => fetchJson('/api/session', SessionView, signal) });
}

/** Sends JSON and turns a non-2xx answer into an ApiFailure carrying the server's reason. */
export async function sendJson(method: 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const reason = data && typeof data === 'object' && 'error' in data ? String((data).error) : res.statusText;
    throw new ApiFailure(res.status, reason);
  }
  return data;
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => sendJson('POST', '/api/session', { token }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('DELETE', '/api/session'),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}
