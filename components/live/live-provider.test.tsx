import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../testing/fixtures/summaries';
import { queryKeys } from '../../lib/query-keys';
import { NO_FILTERS } from '../../lib/saga-list/filters';
import type { SagaSummary } from '../../lib/wire/rest';
import { SOCKET_PATH, type StuckAlert } from '../../lib/wire/socket';
import { lastSocket } from '../../testing/components/fake-socket';
import { renderWithClient } from '../../testing/components/render';
import { health, listPage, sagaBatch, stats, stuckAlert } from '../../testing/components/wire-fixtures';
import { useLive, useLiveSagas } from './live-context';
import { CLIENT_FLUSH_MS, LiveProvider } from './live-provider';

vi.mock('socket.io-client', () => import('../../testing/components/fake-socket'));

type Batch = { ids: string[]; refetch: boolean };

function ConnectionProbe() {
  return (
    <p role="status" aria-label="Connection">
      {useLive().connection}
    </p>
  );
}

function BatchProbe({ seen }: { seen: Batch[] }) {
  useLiveSagas((changed, refetch) => seen.push({ ids: changed.map((s) => `${s.id}@${s.updatedAt}`), refetch }));
  return null;
}

function start() {
  const seen: Batch[] = [];
  const h = renderWithClient(
    <LiveProvider>
      <ConnectionProbe />
      <BatchProbe seen={seen} />
    </LiveProvider>,
    { withoutLive: true },
  );
  return { ...h, seen, socket: lastSocket() };
}

const flush = () =>
  act(() => {
    vi.advanceTimersByTime(CLIENT_FLUSH_MS);
  });
const v = (id: string, updatedAt: number): SagaSummary => summary(id, { updatedAt });

/** Connected and past the first flush, whose refetch every hello asks for. */
function connected() {
  const h = start();
  h.socket.serverSends('connect');
  h.socket.serverSends('hello', { seq: 0, alerts: [] });
  flush();
  h.seen.length = 0;
  return h;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LiveProvider connection', () => {
  it('opens one websocket on the socket.io path', () => {
    const { socket } = start();
    expect(socket.options).toEqual({ path: SOCKET_PATH, transports: ['websocket'] });
  });

  it('reports connecting, live and reconnecting from the socket and its manager', () => {
    const { socket } = start();
    const status = screen.getByRole('status', { name: 'Connection' });
    expect(status.textContent).toBe('connecting');
    socket.serverSends('connect');
    expect(status.textContent).toBe('live');
    socket.serverSends('disconnect');
    expect(status.textContent).toBe('reconnecting');
    socket.serverSends('connect');
    socket.io.emit('reconnect_attempt');
    expect(status.textContent).toBe('reconnecting');
  });

  it('closes the socket and stops flushing when unmounted', () => {
    const { socket, seen, unmount } = connected();
    socket.serverSends('sagas', sagaBatch(1, [v('a', 1)]));
    unmount();
    flush();
    expect(socket.closed).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe('LiveProvider saga batches', () => {
  it('buffers batches and flushes them once per interval, the latest summary per saga', () => {
    const { socket, seen } = connected();
    socket.serverSends('sagas', sagaBatch(1, [v('a', 1), v('b', 1)]));
    socket.serverSends('sagas', sagaBatch(2, [v('a', 2)]));
    act(() => {
      vi.advanceTimersByTime(CLIENT_FLUSH_MS - 1);
    });
    expect(seen).toEqual([]);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(seen).toEqual([{ ids: ['a@2', 'b@1'], refetch: false }]);
    flush();
    expect(seen).toHaveLength(1);
  });

  it('asks for a refetch and invalidates every list after a gap in seq', () => {
    const { socket, seen, client } = connected();
    const list = queryKeys.sagaList(NO_FILTERS);
    client.setQueryData(list, { pages: [listPage([])], pageParams: [null] });
    socket.serverSends('sagas', sagaBatch(1, [v('a', 1)]));
    socket.serverSends('sagas', sagaBatch(3, [v('b', 1)]));
    flush();
    expect(seen).toEqual([{ ids: ['a@1', 'b@1'], refetch: true }]);
    expect(client.getQueryState(list)?.isInvalidated).toBe(true);
  });

  it('asks for a refetch after a resync or a truncated batch', () => {
    const { socket, seen } = connected();
    socket.serverSends('resync', { reason: 'slow client' });
    flush();
    socket.serverSends('sagas', sagaBatch(1, [v('a', 1)], true));
    flush();
    expect(seen.map((b) => b.refetch)).toEqual([true, true]);
  });

  it('refetches a changed saga whose drill-down is cached, and only that one', () => {
    const { socket, client } = connected();
    client.setQueryData(queryKeys.saga('a'), { id: 'a' });
    socket.serverSends('sagas', sagaBatch(1, [v('a', 1), v('b', 1)]));
    flush();
    expect(client.getQueryState(queryKeys.saga('a'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.saga('b'))).toBeUndefined();
  });

  it('ignores a sagas message that does not parse', () => {
    const { socket, seen } = connected();
    socket.serverSends('sagas', { seq: 1, rows: [['a', 'order-fulfilment', 'nearly-done']], truncated: false });
    socket.serverSends('sagas', { seq: 1, items: [v('a', 1)] });
    flush();
    expect(seen).toEqual([]);
  });
});

describe('LiveProvider hello', () => {
  it('replaces the alerts and asks for a refetch', () => {
    const { socket, seen, client } = start();
    const alerts = [stuckAlert('o-1')];
    socket.serverSends('hello', { seq: 7, alerts });
    expect(client.getQueryData(queryKeys.alerts())).toEqual(alerts);
    flush();
    expect(seen).toEqual([{ ids: [], refetch: true }]);
    socket.serverSends('sagas', sagaBatch(8, [v('a', 1)]));
    flush();
    expect(seen.at(-1)).toEqual({ ids: ['a@1'], refetch: false });
  });

  it.each([
    ['a seq that is not a number', { seq: '7', alerts: [] }],
    ['an alert of the wrong shape', { seq: 7, alerts: [{ sagaId: 'o-2' }] }],
    ['no message at all', undefined],
  ])('keeps the alerts shown after a hello with %s, and refetches them and the lists', (_name, hello) => {
    const { socket, seen, client } = start();
    const shown: StuckAlert[] = [stuckAlert('o-1')];
    client.setQueryData(queryKeys.alerts(), shown);
    socket.serverSends('hello', hello);
    expect(client.getQueryData(queryKeys.alerts())).toEqual(shown);
    flush();
    expect(seen).toEqual([{ ids: [], refetch: true }]);
    expect(client.getQueryState(queryKeys.alerts())?.isInvalidated).toBe(true);
    // No seq to follow: whatever comes next is taken without another refetch.
    socket.serverSends('sagas', sagaBatch(40, [v('a', 1)]));
    flush();
    expect(seen.at(-1)).toEqual({ ids: ['a@1'], refetch: false });
  });
});

describe('LiveProvider alerts, stats and health', () => {
  it('merges raised and resolved alerts into the cache at the flush, newest first', () => {
    const { socket, client } = connected();
    client.setQueryData(queryKeys.alerts(), [stuckAlert('o-1', { since: 1 }), stuckAlert('o-2', { since: 2 })]);
    socket.serverSends('alerts', { raised: [stuckAlert('o-3', { since: 3 })], resolved: ['o-1'] });
    const ids = () => client.getQueryData<StuckAlert[]>(queryKeys.alerts())!.map((a) => a.sagaId);
    expect(ids()).toEqual(['o-1', 'o-2']);
    flush();
    expect(ids()).toEqual(['o-3', 'o-2']);
  });

  it('puts stats and health into their caches as they come', () => {
    const { socket, client } = connected();
    const s = stats({ total: 12 });
    const h = health({ sagas: 12 });
    socket.serverSends('stats', s);
    socket.serverSends('health', h);
    expect(client.getQueryData(queryKeys.stats())).toEqual(s);
    expect(client.getQueryData(queryKeys.health())).toEqual(h);
  });

  it('ignores alerts, stats and health that do not parse', () => {
    const { socket, client } = connected();
    const kept = [stuckAlert('o-1')];
    client.setQueryData(queryKeys.alerts(), kept);
    socket.serverSends('alerts', { raised: [{ sagaId: 'o-9' }], resolved: [] });
    socket.serverSends('stats', { total: 'many' });
    socket.serverSends('health', { kafka: null });
    flush();
    expect(client.getQueryData(queryKeys.alerts())).toEqual(kept);
    expect(client.getQueryData(queryKeys.stats())).toBeUndefined();
    expect(client.getQueryData(queryKeys.health())).toBeUndefined();
  });
});
