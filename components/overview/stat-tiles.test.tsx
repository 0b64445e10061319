import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { StatsResponse } from '../../lib/wire/rest';
import { answer, deferred, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { fakeLive } from '../../testing/components/fake-live';
import { renderWithClient } from '../../testing/components/render';
import { NOW, stats } from '../../testing/components/wire-fixtures';
import { StatTiles } from './stat-tiles';

const busy = stats({
  byStatus: { in_progress: 12, compensating: 2, stuck: 4 },
  slow: 3,
  throughput: [
    { t: NOW - 120_000, started: 5, completed: 3, failed: 1 },
    { t: NOW - 60_000, started: 40, completed: 30, failed: 2 },
    { t: NOW, started: 1, completed: 0, failed: 4 },
  ],
  durations: {
    'trip-booking': { count: 3, p50: 100, p95: 300, p99: 400 },
    'order-fulfilment': { count: 10, p50: 800, p95: 2_500, p99: 4_000 },
  },
  findings: { 'duplicate-command': 2, uncompensated: 1, 'reply-without-request': 0, 'retry-raced-reply': 0, 'conflicting-replies': 0 },
});

function show(a: Handler, live = fakeLive()) {
  fakeFetch().on('GET', '/api/stats', a);
  return renderWithClient(<StatTiles />, { live });
}
const tile = (name: string) => screen.getByRole('group', { name });
const region = () => screen.getByRole('region', { name: 'Live counts' });

describe('StatTiles', () => {
  it('holds every tile in place while the counts load', () => {
    show(deferred().handler);
    expect(screen.getAllByRole('group').map((g) => g.textContent)).toEqual([
      'In progress—Loading…',
      'Stuck—Loading…',
      'Failed in the last hour—Loading…',
      'Completed per minute—Loading…',
      'p95 duration—Loading…',
      'Findings—Loading…',
    ]);
    expect(region().getAttribute('aria-busy')).toBe('true');
  });

  it('shows each live number with what it holds and where to look', async () => {
    show(answer(StatsResponse, busy));
    await screen.findByText('12');
    expect(region().getAttribute('aria-busy')).toBe('false');
    expect(within(tile('In progress')).getByText('+2 compensating, 3 slow')).toBeTruthy();
    expect(within(tile('In progress')).getByRole('link', { name: 'Show in list' }).getAttribute('href')).toBe('/?status=in_progress');
    expect(within(tile('Stuck')).getByText('4')).toBeTruthy();
    expect(within(tile('Stuck')).getByRole('link', { name: 'Show stuck in list' }).getAttribute('href')).toBe('/?status=stuck');
    expect(within(tile('Failed in the last hour')).getByText('7')).toBeTruthy();
    expect(within(tile('Completed per minute')).getByText('30')).toBeTruthy();
    expect(within(tile('Completed per minute')).getByText('over the last 60 s')).toBeTruthy();
  });

  it('gives p95 per type, slowest first, since percentiles of types cannot be merged', async () => {
    show(answer(StatsResponse, busy));
    await screen.findByText('12');
    const p95 = tile('p95 duration');
    expect(within(p95).getByText('2.5 s', { selector: 'span' })).toBeTruthy();
    expect(within(p95).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['order-fulfilment 2.5 s', 'trip-booking 300 ms']);
  });

  it('counts sagas with findings and links each kind to the list', async () => {
    show(answer(StatsResponse, busy));
    await screen.findByText('12');
    const findings = tile('Findings');
    expect(within(findings).getByText('3')).toBeTruthy();
    const links = within(findings).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Not compensated', '/?finding=uncompensated'],
      ['Duplicate command', '/?finding=duplicate-command'],
    ]);
  });

  it('reads a quiet monitor plainly', async () => {
    show(answer(StatsResponse, stats()));
    await screen.findByText('running now');
    expect(within(tile('In progress')).getByText('0')).toBeTruthy();
    expect(within(tile('p95 duration')).getByText('no finished sagas yet')).toBeTruthy();
    expect(within(tile('Findings')).getByText('no saga shows a problem')).toBeTruthy();
  });

  it('says why the counts are missing, and loads them on Retry', async () => {
    let down = true;
    show(() => (down ? failure(503, 'monitor is starting') : answer(StatsResponse, busy)));
    expect((await screen.findByRole('alert')).textContent).toContain('Counts could not be loaded: monitor is starting.');
    expect(within(tile('Stuck')).getByText('unavailable')).toBeTruthy();
    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await within(tile('Stuck')).findByText('4')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says how old the counts are while the live feed is down', async () => {
    show(answer(StatsResponse, busy), fakeLive('reconnecting'));
    expect(await screen.findByText(/^Live feed reconnecting: counts as of \d\d:\d\d:\d\d\.$/)).toBeTruthy();
  });
});
