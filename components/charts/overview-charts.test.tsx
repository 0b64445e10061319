import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { StatsResponse } from '../../lib/wire/rest';
import { answer, deferred, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { NOW, stats } from '../../testing/components/wire-fixtures';
import { OverviewCharts } from './overview-charts';

const NAMES = ['Throughput', 'Duration percentiles', 'Stuck over time'];

function show(a: Handler) {
  fakeFetch().on('GET', '/api/stats', a);
  return renderWithClient(<OverviewCharts />);
}
const figure = (name: string) => screen.getByRole('figure', { name });

describe('OverviewCharts', () => {
  it('keeps the three figures in place while the stats load', () => {
    show(deferred().handler);
    expect(screen.getAllByRole('figure')).toHaveLength(NAMES.length);
    for (const name of NAMES) expect(within(figure(name)).getByText('Loading…')).toBeTruthy();
  });

  it('says why the charts are missing, and loads them on Retry', async () => {
    let down = true;
    show(() => (down ? failure(500, 'boom') : answer(StatsResponse, stats())));
    await screen.findAllByText('Charts unavailable: boom');
    for (const name of NAMES) expect(within(figure(name)).getByText('Charts unavailable: boom')).toBeTruthy();
    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry loading charts' }));
    expect(await within(figure('Duration percentiles')).findByText('No finished sagas yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry loading charts' })).toBeNull();
  });

  it('says what each empty chart is missing', async () => {
    show(answer(StatsResponse, stats()));
    await screen.findByText('No saga started or finished in the last hour.');
    expect(within(figure('Throughput')).getByText('No saga started or finished in the last hour.')).toBeTruthy();
    expect(within(figure('Duration percentiles')).getByText('No finished sagas yet.')).toBeTruthy();
    expect(within(figure('Stuck over time')).getByText('No samples yet.')).toBeTruthy();
  });

  it('tells screen readers what each chart shows', async () => {
    show(
      answer(
        StatsResponse,
        stats({
          throughput: [{ t: NOW - 60_000, started: 4, completed: 3, failed: 1 }],
          durations: { 'order-fulfilment': { count: 10, p50: 800, p95: 2_500, p99: 4_000 } },
          stuckSeries: [
            { t: NOW - 60_000, count: 5 },
            { t: NOW, count: 2 },
          ],
        }),
      ),
    );
    await screen.findByText('per 1 min, last hour');
    const throughput = figure('Throughput');
    expect(within(throughput).getByText(/: 4 started, 3 completed, 1 failed\. Whole chart: 4 started, 3 completed, 1 failed or compensated\.$/)).toBeTruthy();
    expect(within(throughput).getByText('per 1 min, last hour')).toBeTruthy();
    expect(within(figure('Duration percentiles')).getByText('order-fulfilment: p50 800 ms, p95 2.5 s, p99 4 s over 10 finished.')).toBeTruthy();
    expect(within(figure('Stuck over time')).getByText('2 stuck now; peak 5 on this chart.')).toBeTruthy();
  });
});
