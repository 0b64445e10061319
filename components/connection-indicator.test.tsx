import { cleanup, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../lib/query-keys';
import type { HealthResponse } from '../lib/wire/rest';
import { fakeLive } from '../testing/components/fake-live';
import { renderWithClient, testQueryClient } from '../testing/components/render';
import { health } from '../testing/components/wire-fixtures';
import { ConnectionIndicator } from './connection-indicator';
import type { Connection } from './live/live-context';

const catchingUp = health({ catchUp: { done: false, progress: 0.427, startedAt: 0, doneAt: null } });
const kafkaDown = health({ kafka: { state: 'disconnected', brokers: [], lastError: 'ECONNREFUSED', since: 0 } });

/** Health as the live feed leaves it in the cache: the indicator's first render already reads it. */
function show(connection: Connection, h: HealthResponse) {
  const client = testQueryClient();
  client.setQueryData(queryKeys.health(), h);
  renderWithClient(<ConnectionIndicator />, { client, live: fakeLive(connection) });
  return screen.getByRole('status', { name: 'Connection' });
}

describe('ConnectionIndicator', () => {
  it.each<[string, Connection, HealthResponse, string]>([
    ['connecting', 'connecting', health(), 'Connecting…'],
    ['reconnecting, whatever Kafka does', 'reconnecting', kafkaDown, 'Reconnecting…'],
    ['Kafka unreachable', 'live', kafkaDown, 'Kafka unreachable'],
    ['catching up', 'live', catchingUp, 'Catching up 42%'],
    ['live', 'live', health(), 'Live'],
  ])('reads %s', (_name, connection, h, text) => {
    expect(show(connection, h).textContent).toBe(text);
  });

  it('shows catch-up progress only while the live feed is up', () => {
    const status = show('live', catchingUp);
    expect(within(status).getByRole<HTMLProgressElement>('progressbar', { name: 'Monitor catch-up' }).value).toBe(0.427);
    cleanup();
    expect(within(show('reconnecting', catchingUp)).queryByRole('progressbar')).toBeNull();
  });
});
