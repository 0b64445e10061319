import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { compensatedOrder, stuckTrip } from '../../testing/fixtures/timeline';
import { SagaDetail, SessionView } from '../../lib/wire/rest';
import { answer, deferred, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { session } from '../../testing/components/wire-fixtures';
import { SagaDetailView } from './saga-detail-view';

const URL = `/api/sagas/${encodeURIComponent(compensatedOrder.id)}`;

function show(a: Handler) {
  const api = fakeFetch().on('GET', URL, a).on('GET', '/api/session', answer(SessionView, session({ retriesEnabled: false })));
  return { api, ...renderWithClient(<SagaDetailView id={compensatedOrder.id} />) };
}
const title = () => screen.findByRole('heading', { level: 1, name: compensatedOrder.id });

describe('SagaDetailView', () => {
  it('says it is loading, then shows the saga with its timeline and events', async () => {
    show(answer(SagaDetail, compensatedOrder));
    expect(screen.getByRole('status').textContent).toBe('Loading saga…');
    await screen.findByRole('region', { name: 'Saga summary' });
    expect(screen.getByRole('img', { name: `Timeline of ${compensatedOrder.id}` })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Events' })).getAllByRole('row')).toHaveLength(1 + compensatedOrder.events.length);
  });

  it('says when the monitor does not know the saga', async () => {
    show(failure(404, 'no saga with this id'));
    expect(await screen.findByRole('heading', { name: 'Saga not found' })).toBeTruthy();
    expect(screen.getByText(': no saga with this id', { exact: false })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the saga list' }).getAttribute('href')).toBe('/');
  });

  it('says why the saga could not load, and loads it on Retry', async () => {
    let down = true;
    show(() => (down ? failure(503, 'store is rebuilding') : answer(SagaDetail, compensatedOrder)));
    await title();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load this saga: store is rebuilding');
    down = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Saga summary' })).toBeTruthy();
  });

  it('refetches after the live feed missed updates, and keeps the copy shown when that fails', async () => {
    let down = false;
    const { api, live } = show(() => (down ? failure(503, 'store is rebuilding') : answer(SagaDetail, compensatedOrder)));
    await screen.findByRole('region', { name: 'Saga summary' });
    live.flush([], false);
    expect(api.requests('GET', URL)).toHaveLength(1);
    down = true;
    live.flush([], true);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not refresh; showing the last copy: store is rebuilding');
    expect(api.requests('GET', URL).length).toBeGreaterThan(1);
    expect(screen.getByRole('region', { name: 'Saga summary' })).toBeTruthy();
  });

  it('never shows the previous saga under a new id', async () => {
    const api = fakeFetch()
      .on('GET', URL, answer(SagaDetail, compensatedOrder))
      .on('GET', `/api/sagas/${stuckTrip.id}`, deferred().handler)
      .on('GET', '/api/session', answer(SessionView, session({ retriesEnabled: false })));
    const { rerender } = renderWithClient(<SagaDetailView id={compensatedOrder.id} />);
    await screen.findByRole('region', { name: 'Saga summary' });
    rerender(<SagaDetailView id={stuckTrip.id} />);
    await waitFor(() => expect(api.requests('GET', `/api/sagas/${stuckTrip.id}`)).toHaveLength(1));
    expect(screen.queryByRole('region', { name: 'Saga summary' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: stuckTrip.id })).toBeTruthy();
  });
});
