import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { ConsumersResponse } from '../../lib/wire/consumers';
import { SessionView } from '../../lib/wire/rest';
import type { StuckAlert } from '../../lib/wire/socket';
import { freezeClock } from '../../testing/components/clock';
import { answer, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { NOW, session, stuckAlert, topicConsumers } from '../../testing/components/wire-fixtures';
import { AlertList } from '../live/use-snapshots';
import { COMPACT_COUNT, StuckAlerts } from './stuck-alerts';

vi.mock('next/navigation', () => import('../../testing/components/next-navigation'));

/** o-1 stuck longest ago ... o-5 most recently. */
const five = [1, 2, 3, 4, 5].map((n) => stuckAlert(`o-${n}`, { since: NOW - 60_000 * (6 - n) }));

function show(alerts: Handler, consumers = answer(ConsumersResponse, { items: [] })) {
  freezeClock();
  const api = fakeFetch()
    .on('GET', '/api/alerts', alerts)
    .on('GET', '/api/consumers', consumers)
    .on('GET', '/api/session', answer(SessionView, session({ retriesEnabled: false })));
  return { api, ...renderWithClient(<StuckAlerts />) };
}
const region = () => screen.getByRole('region', { name: 'Stuck sagas' });
const listed = () => within(region()).queryAllByRole('link', { name: /^o-/ }).map((l) => l.textContent);

describe('StuckAlerts', () => {
  it('says it is loading, then that nothing is stuck', async () => {
    show(answer(AlertList, { items: [] }));
    expect(within(region()).getByText('Loading stuck sagas…')).toBeTruthy();
    expect(await within(region()).findByText('No stuck sagas')).toBeTruthy();
    expect(within(region()).queryByRole('list')).toBeNull();
    expect(within(region()).queryByRole('link', { name: 'Show in saga list' })).toBeNull();
  });

  it('shows the count and the newest few, expandable to all', async () => {
    show(answer(AlertList, { items: five }));
    expect(await within(region()).findByText('5 stuck sagas')).toBeTruthy();
    expect(listed()).toEqual(['o-5', 'o-4', 'o-3'].slice(0, COMPACT_COUNT));
    const more = within(region()).getByRole('button', { name: 'Show all 5' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(more);
    expect(listed()).toEqual(['o-5', 'o-4', 'o-3', 'o-2', 'o-1']);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(more.getAttribute('aria-controls')!)?.tagName).toBe('UL');
    await userEvent.click(within(region()).getByRole('button', { name: 'Show fewer' }));
    expect(listed()).toHaveLength(COMPACT_COUNT);
    expect(within(region()).getByRole('link', { name: 'Show in saga list' }).getAttribute('href')).toBe('/?status=stuck');
  });

  it('follows the live alert cache', async () => {
    const { client } = show(answer(AlertList, { items: [five[0]] }));
    await within(region()).findByText('1 stuck saga');
    client.setQueryData<StuckAlert[]>(queryKeys.alerts(), [five[0], five[4]]);
    await within(region()).findByText('2 stuck sagas');
    expect(listed()).toEqual(['o-5', 'o-1']);
  });

  it('says why the alerts could not load, and loads them on Retry', async () => {
    let down = true;
    show(() => (down ? failure(503, 'monitor is starting') : answer(AlertList, { items: five.slice(0, 1) })));
    expect(await within(region()).findByText('Stuck sagas unavailable')).toBeTruthy();
    expect(within(region()).getByText(/Could not load: monitor is starting/)).toBeTruthy();
    down = false;
    await userEvent.click(within(region()).getByRole('button', { name: 'Retry' }));
    expect(await within(region()).findByText('1 stuck saga')).toBeTruthy();
  });

  it('names the consumers that explain a wait, and only those', async () => {
    const alerts = [stuckAlert('o-1', { answeredFrom: ['payment.events'] }), stuckAlert('o-2', { since: NOW - 1_000, answeredFrom: ['shipping.events'] })];
    const consumers = answer(ConsumersResponse, {
      items: [
        topicConsumers('payment.events', { verdict: 'no-consumers', summary: 'Nobody reads payment.events.', groups: [] }),
        topicConsumers('shipping.events'),
      ],
    });
    show(answer(AlertList, { items: alerts }), consumers);
    const item = (id: string) => within(region()).getByRole('link', { name: id }).closest('li') as HTMLElement;
    await within(region()).findByText('Nobody reads payment.events.');
    expect(within(item('o-1')).getByText('Nobody reads payment.events.')).toBeTruthy();
    expect(item('o-2').textContent).not.toContain('keeps up');
  });

  it('does not ask for consumers while nothing is stuck', async () => {
    const { api } = show(answer(AlertList, { items: [] }));
    await within(region()).findByText('No stuck sagas');
    await waitFor(() => expect(api.requests('GET', '/api/alerts')).toHaveLength(1));
    expect(api.requests('GET', '/api/consumers')).toEqual([]);
  });
});
