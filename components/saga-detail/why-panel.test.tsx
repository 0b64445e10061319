import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compensatedOrder, stuckTrip, T0 } from '../../testing/fixtures/timeline';
import type { SagaDetail } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { topicConsumers } from '../../testing/components/wire-fixtures';
import { WhyPanel } from './why-panel';

const NOW = T0 + 20_000;
const slow = { step: 'car', since: T0 + 5_855, thresholdMs: 5_000, p50Ms: 400, p99Ms: 2_000, samples: 250, factor: 2.5 };

function show(saga: SagaDetail) {
  renderWithClient(<WhyPanel saga={saga} now={NOW} />);
  return screen.queryByRole('region', { name: 'Why it waits' });
}

describe('WhyPanel', () => {
  it.each([
    ['a finished saga', { ...compensatedOrder, consumers: [topicConsumers('payment.events')] }],
    ['a waiting saga with nothing to explain', { ...stuckTrip, consumers: [], slow: null }],
  ])('is left out for %s', (_name, saga) => {
    expect(show(saga)).toBeNull();
  });

  it('says a step is slower than it usually is', () => {
    const region = show({ ...stuckTrip, status: 'in_progress', slow })!;
    expect(within(region).getByText(/^Step car has waited 19 s, longer than 2\.5 × its p99: /)).toBeTruthy();
  });

  it('lists the consumer groups of each topic the answer is read from', () => {
    const stalled = topicConsumers('cars.events', {
      verdict: 'stalled',
      summary: 'car-service is behind and committed nothing for 2 min.',
      groups: [{ groupId: 'car-service', state: 'Stable', members: 3, membersOnTopic: 1, lag: 12, lastCommitSeenAt: NOW - 120_000, behindSince: NOW - 130_000, verdict: 'stalled' }],
    });
    const region = show({ ...stuckTrip, consumers: [stalled] })!;
    expect(within(region).getByText('car-service is behind and committed nothing for 2 min.')).toBeTruthy();
    const table = within(region).getByRole('table', { name: 'Consumer groups reading cars.events' });
    const row = within(table).getByRole('rowheader', { name: 'car-service' }).closest('tr')!;
    expect([...row.cells].map((c) => c.textContent)).toEqual(['car-service', 'Stable', '1 of 3', '12 records', '2 min ago', 'Stalled']);
    expect(within(region).queryByText(/most likely dropped/)).toBeNull();
  });

  it('points at the service when every reader keeps up yet the saga is stuck', () => {
    const region = show({ ...stuckTrip, consumers: [topicConsumers('cars.events')] })!;
    expect(within(region).getByText(/the request was most likely dropped by the service or its reply lost/)).toBeTruthy();
  });
});
