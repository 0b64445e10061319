import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../lib/saga-list/filters';
import { summary } from '../../testing/fixtures/summaries';
import type { SagaListFilters } from '../../lib/query-keys';
import { StatsResponse, type SagaListResponse } from '../../lib/wire/rest';
import { answer, fakeFetch } from '../../testing/components/fake-fetch';
import { renderHookWithClient } from '../../testing/components/render';
import { listPage, stats, statusCounts } from '../../testing/components/wire-fixtures';
import { useFilterOptions } from './use-filter-options';

const byType = { 'trip-booking': { total: 1, byStatus: statusCounts() }, 'order-fulfilment': { total: 2, byStatus: statusCounts() } };

interface Props {
  pages: SagaListResponse[];
  filters: SagaListFilters;
  hydrated: boolean;
}

function setup(initialProps: Props) {
  fakeFetch().on('GET', '/api/stats', answer(StatsResponse, stats({ byType })));
  return renderHookWithClient((p: Props) => useFilterOptions(p.pages, p.filters, p.hydrated), { initialProps });
}

describe('useFilterOptions', () => {
  it('offers the live stats types and the URL ones, sorted', async () => {
    const { result } = setup({ pages: [], filters: { ...NO_FILTERS, type: ['legacy'] }, hydrated: true });
    await waitFor(() => expect(result.current.types).toEqual(['legacy', 'order-fulfilment', 'trip-booking']));
  });

  it('offers nothing from the socket-fed caches before hydration', async () => {
    const { result, client } = setup({ pages: [listPage([summary('o-1')])], filters: NO_FILTERS, hydrated: false });
    await waitFor(() => expect(client.getQueryData(['saga-monitor', 'stats'])).toBeDefined());
    expect(result.current).toEqual({ types: [], steps: [] });
  });

  it('keeps every step seen this session, so narrowing the list hides none', () => {
    const page1 = listPage([summary('o-1', { currentStep: 'payment' }), summary('o-2', { currentStep: null })]);
    const page2 = listPage([summary('o-3', { currentStep: 'shipping' })]);
    const { result, rerender } = setup({ pages: [page1], filters: NO_FILTERS, hydrated: true });
    expect(result.current.steps).toEqual(['payment']);
    rerender({ pages: [page2], filters: { ...NO_FILTERS, step: ['inventory'] }, hydrated: true });
    expect(result.current.steps).toEqual(['inventory', 'payment', 'shipping']);
  });
});
