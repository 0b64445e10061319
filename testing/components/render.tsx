import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, renderHook, type RenderHookResult, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import { LiveContext } from '../../components/live/live-context';
import { fakeLive, type FakeLive } from './fake-live';

// Vitest globals are off, so Testing Library cannot register its own cleanup; every component test imports this file.
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  vi.restoreAllMocks();
});

/** The app's query defaults (components/providers.tsx), but failures show at once instead of after a retry. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: false, retryDelay: 0, gcTime: Infinity },
      mutations: { retry: false },
    },
  });
}

export interface Options {
  client?: QueryClient;
  /** The live feed the component sees; a connected one that sends nothing unless the test says so. */
  live?: FakeLive;
  /** Leave the live context out: for the live provider itself, which supplies it. */
  withoutLive?: boolean;
}

export interface Harness {
  client: QueryClient;
  live: FakeLive;
}

function harness(o: Options): Harness & { wrapper: (p: { children: ReactNode }) => ReactElement } {
  const client = o.client ?? testQueryClient();
  const live = o.live ?? fakeLive();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      {o.withoutLive ? children : <LiveContext.Provider value={live.value}>{children}</LiveContext.Provider>}
    </QueryClientProvider>
  );
  return { client, live, wrapper };
}

/** Renders `ui` inside a fresh query cache and a fake live feed, as the app's Providers would. */
export function renderWithClient(ui: ReactElement, o: Options = {}): RenderResult & Harness {
  const { wrapper, ...h } = harness(o);
  return Object.assign(render(ui, { wrapper }), h);
}

/** renderHook with the same providers as renderWithClient. */
export function renderHookWithClient<R, P>(hook: (props: P) => R, o: Options & { initialProps?: P } = {}): RenderHookResult<R, P> & Harness {
  const { wrapper, ...h } = harness(o);
  return Object.assign(renderHook(hook, { wrapper, initialProps: o.initialProps }), h);
}
