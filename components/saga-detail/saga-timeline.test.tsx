import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compensatedOrder, stuckTrip, T0 } from '../../testing/fixtures/timeline';
import type { SagaDetail } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { SagaTimeline } from './saga-timeline';

function show(saga: SagaDetail, now: number) {
  renderWithClient(<SagaTimeline saga={saga} now={now} />);
  return screen.getByRole('region', { name: 'Timeline' });
}

describe('SagaTimeline', () => {
  it('draws the saga as an image described in words, with a legend', () => {
    const region = show(compensatedOrder, T0 + 5_000);
    const img = within(region).getByRole('img', { name: `Timeline of ${compensatedOrder.id}` });
    const desc = document.getElementById(img.getAttribute('aria-describedby')!)!;
    expect(desc.textContent).toMatch(/^Saga compensated after 1\.3\d* s\. .* 9 events marked\.$/);
    expect(within(img).getByText('payment')).toBeTruthy();
    expect(within(within(region).getByRole('list', { name: 'Timeline legend' })).getAllByRole('listitem').map((li) => li.textContent)).toContain('stuck (waiting past its threshold)');
    expect(within(region).queryByText(/^Waiting for/)).toBeNull();
  });

  it('says what a stuck saga waits for, and since when', () => {
    const region = show(stuckTrip, T0 + 20_000);
    expect(within(region).getByText('Waiting for step car for 19 s, expecting CarRented or CarRentalFailed on cars.events.')).toBeTruthy();
    expect(within(region).getByText(/\(11 s ago, threshold 8(\.0)? s\)\. Reason: step car started and got no reply within 8 s$/)).toBeTruthy();
  });
});
