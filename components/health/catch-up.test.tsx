import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { health, NOW } from '../../testing/components/wire-fixtures';
import { CatchUp } from './catch-up';

const topics: HealthResponse['topics'] = [
  {
    topic: 'orders.requested',
    exists: true,
    partitions: [
      { partition: 0, endAtStart: '100', position: '100', caughtUp: true },
      { partition: 1, endAtStart: '100', position: '60', caughtUp: false },
      { partition: 2, endAtStart: '5', position: null, caughtUp: false },
    ],
  },
  { topic: 'payment.events', exists: false, partitions: [] },
  { topic: 'shipping.events', exists: true, partitions: [], problem: 'deleted while the monitor ran' },
];

function show(catchUp: Partial<HealthResponse['catchUp']>, t = topics) {
  renderWithClient(<CatchUp catchUp={{ ...health().catchUp, ...catchUp }} topics={t} now={NOW} />);
  return screen.getByRole('region', { name: 'Catch-up' });
}
const cells = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => r.textContent);

describe('CatchUp', () => {
  it('shows how far reading history has come and since when', () => {
    const region = show({ done: false, progress: 0.456, startedAt: NOW - 125_000, doneAt: null });
    expect(within(region).getByRole<HTMLProgressElement>('progressbar', { name: 'Catch-up progress' }).value).toBe(0.456);
    expect(within(region).getByText('45%')).toBeTruthy();
    expect(within(region).getByText('reading history…')).toBeTruthy();
    expect(region.textContent).toMatch(/, running for 2 min 5 s\. 1 of 3 partitions caught up\./);
  });

  it('says when it finished and how long it took', () => {
    const region = show({ done: true, progress: 1, startedAt: NOW - 60_000, doneAt: NOW - 30_000 });
    expect(within(region).getByText('done: following live')).toBeTruthy();
    expect(region.textContent).toMatch(/, done .* \(took 30(\.0)? s\)\./);
  });

  it('lists where each partition stands, and topics that are missing or broken', () => {
    const region = show({});
    expect(cells(within(region).getByRole('table', { name: 'Topic positions' }))).toEqual([
      'orders.requestedyes0100100yes',
      '1100' + '60' + 'no, 40 to go',
      '25not read yetno, 5 to go',
      'payment.eventsdoes not exist yetpicked up within seconds once created',
      'shipping.eventsyesdeleted while the monitor ran',
    ]);
  });

  it('says so when no topic is configured', () => {
    const region = show({}, []);
    expect(within(region).getByText('No topics configured.')).toBeTruthy();
    expect(within(region).queryByRole('table')).toBeNull();
  });
});
