import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AgingResponse } from '../../lib/wire/rest';
import { answer, failure, fakeFetch, type Answer } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { NOW } from '../../testing/components/wire-fixtures';
import { AgingChart, agingSummary } from './aging-chart';

const BUCKETS = ['< 10 s', '10 s - 1 min', '> 1 min'];
const row = (sagaType: string, step: string | null, counts: number[], o: { stuck?: number; compensating?: boolean } = {}) => ({
  sagaType,
  step,
  compensating: o.compensating ?? false,
  counts,
  total: counts.reduce((a, b) => a + b, 0),
  stuck: o.stuck ?? 0,
});
const aging = (rows: AgingResponse['rows']) => AgingResponse.parse({ at: NOW, buckets: BUCKETS, rows });

function show(a: Answer) {
  fakeFetch().on('GET', '/api/aging', a);
  renderWithClient(<AgingChart />);
}

describe('agingSummary', () => {
  it.each([
    ['nothing in flight', [], 'No saga is in flight.'],
    [
      'the three busiest places with their longest wait',
      [
        row('order-fulfilment', 'payment', [3, 2, 1], { stuck: 1 }),
        row('order-fulfilment', 'payment', [0, 1, 0], { compensating: true }),
        row('trip-booking', null, [2, 0, 0]),
        row('trip-booking', 'car', [1, 0, 0]),
      ],
      'In-flight sagas by where they wait: 6 at order-fulfilment · payment, the longest waiting > 1 min, 1 stuck; ' +
        '1 at order-fulfilment · payment (compensating), the longest waiting 10 s - 1 min; 2 at trip-booking · not started, the longest waiting < 10 s.',
    ],
  ])('reads %s', (_name, rows, text) => {
    expect(agingSummary(aging(rows))).toBe(text);
  });
});

describe('AgingChart', () => {
  it('describes where in-flight sagas wait', async () => {
    show(answer(AgingResponse, aging([row('order-fulfilment', 'payment', [3, 0, 0])])));
    const summary = await screen.findByText(/^In-flight sagas by where they wait: 3 at order-fulfilment · payment/);
    expect(within(screen.getByRole('figure', { name: 'Waiting at each step' })).getByText(summary.textContent)).toBe(summary);
  });

  it.each([
    ['nothing is in flight', answer(AgingResponse, aging([])), 'No saga is in flight.'],
    ['the server fails', failure(500, 'store closed'), 'Unavailable: store closed'],
  ])('says so when %s', async (_name, a, text) => {
    show(a);
    await screen.findByText(text);
    expect(within(screen.getByRole('figure', { name: 'Waiting at each step' })).getByText(text)).toBeTruthy();
  });
});
