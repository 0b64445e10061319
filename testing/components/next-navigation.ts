import { useSyncExternalStore } from 'react';
import { vi } from 'vitest';

/**
 * Stands in for next/navigation: `vi.mock('next/navigation', () => import('.../next-navigation'))`. The URL is the
 * page's own (window.location); like Next's router, useSearchParams follows history.replaceState and pushState.
 */

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

for (const name of ['replaceState', 'pushState'] as const) {
  const original = window.history[name].bind(window.history);
  window.history[name] = (...args: Parameters<History['replaceState']>) => {
    original(...args);
    notify();
  };
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  window.addEventListener('popstate', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('popstate', l);
  };
}

export const router = { push: vi.fn(), replace: vi.fn(), back: vi.fn(), forward: vi.fn(), refresh: vi.fn(), prefetch: vi.fn() };

export function useRouter() {
  return router;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search);
}

/** Puts the page at `url` (path and query) before rendering, as a link or a reload would. */
export function visit(url: string): void {
  window.history.replaceState(null, '', url);
}
