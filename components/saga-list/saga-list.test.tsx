import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { summary } from '../../testing/fixtures/summaries';
import { SagaListResponse, StatsResponse } from '../../lib/wire/rest';
import { answer, deferred, failure, fakeFetch, invalidAnswer, type Handler } from '../../testing/components/fake-fetch';
import { fakeLive } from '../../testing/components/fake-live';
import { router, visit } from '../../testing/components/next-navigation';
import { renderWithClient } from '../../testing/components/render';
import { layOutViewport } from '../../testing/components/viewport';
import { listPage, stats } from '../../testing/components/wire-fixtures';
import { SagaList } from './saga-list';

vi.mock('next/navigation', () => import('../../testing/components/next-navigation'));

const o1 = summary('o-1', { updatedAt: 10 });
const o2 = summary('o-2', { updatedAt: 20, status: 'stuck', stuckSince: 15 });
const bothPages = listPage([o2, o1]);

/** The list at `url`, its pages answered by `pages` (GET /api/sagas). */
function show(url: string, pages: Handler, live = fakeLive()) {
  visit(url);
  layOutViewport();
  const api = fakeFetch().on('GET', '/api/sagas', pages).on('GET', '/api/stats', answer(StatsResponse, stats({ byType: {} })));
  return { api, ...renderWithClient(<SagaList />, { live }) };
}

const rowNames = () =>
  within(screen.getByRole('grid', { name: 'Saga list' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('gridcell')[0].textContent);
const count = () => screen.getByRole('status', { name: 'Saga count' }).textContent;

describe('SagaList loading', () => {
  it('says it is loading until the first page comes, then shows a row per saga', async () => {
    const page = deferred();
    show('/', page.handler);
    expect(count()).toBe('Loading sagas…');
    page.resolve(answer(SagaListResponse, bothPages));
    expect(await screen.findByRole('link', { name: 'o-2' })).toHaveProperty('href', expect.stringMatching(/\/sagas\/o-2$/));
    expect(rowNames()).toEqual(['o-2', 'o-1']);
    expect(count()).toBe('2 sagas');
  });

  it('shows why the list failed, and loads it on Retry', async () => {
    let fail = true;
    show('/', () => (fail ? failure(503, 'store is rebuilding') : answer(SagaListResponse, bothPages)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load sagas: store is rebuilding');
    expect(count()).toBe('Sagas unavailable');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('link', { name: 'o-1' });
  });

  it('refuses a page whose cursor does not parse', async () => {
    show('/', invalidAnswer({ ...bothPages, nextCursor: 7 }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load sagas: unexpected response from \/api\/sagas/);
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('loads the next page as the end comes near, and says why when its cursor does not parse', async () => {
    const { api } = show('/', (req) =>
      req.query.has('cursor') ? invalidAnswer({ items: [], total: 3, nextCursor: false }) : answer(SagaListResponse, listPage([o2, o1], { total: 3, nextCursor: 'c1' })),
    );
    const more = await screen.findByText(/Could not load more: unexpected response/);
    expect(api.requests('GET', '/api/sagas').at(-1)!.query.get('cursor')).toBe('c1');
    expect(within(more.closest('[role="row"]') as HTMLElement).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByText('2 loaded, more as you scroll')).toBeTruthy();
  });
});

describe('SagaList filters', () => {
  it('asks the server for the filters in the URL', async () => {
    const { api } = show('/?status=stuck&sort=started', answer(SagaListResponse, listPage([o2])));
    await screen.findByRole('link', { name: 'o-2' });
    expect(Object.fromEntries(api.requests('GET', '/api/sagas')[0].query)).toMatchObject({ status: 'stuck', sort: 'started' });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Status' }).value).toBe('stuck');
  });

  it('puts a chosen filter into the URL and loads its list', async () => {
    const { api } = show('/', (req) => answer(SagaListResponse, req.query.get('status') === 'stuck' ? listPage([o2]) : bothPages));
    await screen.findByRole('link', { name: 'o-1' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'stuck');
    expect(window.location.search).toBe('?status=stuck');
    await waitFor(() => expect(rowNames()).toEqual(['o-2']));
    expect(api.requests('GET', '/api/sagas').at(-1)!.query.get('status')).toBe('stuck');
  });

  it('offers to clear filters that match nothing, keeping the sort', async () => {
    show('/?type=trip-booking&sort=started', (req) => answer(SagaListResponse, req.query.has('type') ? listPage([]) : bothPages));
    await screen.findByText('No sagas match these filters');
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe('?sort=started');
    await screen.findByRole('link', { name: 'o-1' });
  });

  it('says so when there are no sagas at all', async () => {
    show('/', answer(SagaListResponse, listPage([])));
    expect(await screen.findByText(/^No sagas yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });
});

describe('SagaList live', () => {
  it('inserts a new saga from the live feed at the top', async () => {
    const live = fakeLive();
    show('/', answer(SagaListResponse, bothPages), live);
    await screen.findByRole('link', { name: 'o-1' });
    live.flush([summary('n-1', { updatedAt: 30 })]);
    await waitFor(() => expect(rowNames()).toEqual(['n-1', 'o-2', 'o-1']));
    expect(count()).toBe('3 sagas');
  });

  it('holds changes while paused and says how many wait', async () => {
    const live = fakeLive();
    show('/', answer(SagaListResponse, bothPages), live);
    await screen.findByRole('link', { name: 'o-1' });
    const pause = screen.getByRole('button', { name: 'Pause live' });
    await userEvent.click(pause);
    expect(pause.getAttribute('aria-pressed')).toBe('true');
    live.flush([summary('n-1', { updatedAt: 30 })]);
    expect(screen.getByText('Paused: 1 change waiting')).toBeTruthy();
    expect(rowNames()).toEqual(['o-2', 'o-1']);
    await userEvent.click(pause);
    await waitFor(() => expect(rowNames()).toEqual(['n-1', 'o-2', 'o-1']));
  });

  it('warns that the list may be out of date while the live feed reconnects', async () => {
    show('/', answer(SagaListResponse, bothPages), fakeLive('reconnecting'));
    expect(await screen.findByText(/the list may be out of date/)).toBeTruthy();
  });
});

describe('SagaList keyboard', () => {
  it('moves the active row with the arrows and opens it with Enter', async () => {
    show('/', answer(SagaListResponse, bothPages));
    await screen.findByRole('link', { name: 'o-1' });
    const grid = screen.getByRole('grid', { name: 'Saga list' });
    const active = () => within(grid).getByRole('row', { selected: true });
    grid.focus();
    await waitFor(() => expect(active().textContent).toMatch(/^o-2/));
    expect(grid.getAttribute('aria-activedescendant')).toBe(active().id);
    await userEvent.keyboard('{ArrowDown}');
    expect(active().textContent).toMatch(/^o-1/);
    expect(grid.getAttribute('aria-activedescendant')).toBe(active().id);
    await userEvent.keyboard('{Enter}');
    expect(router.push).toHaveBeenCalledWith('/sagas/o-1');
  });
});
