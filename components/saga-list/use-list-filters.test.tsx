import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NO_FILTERS } from '../../lib/saga-list/filters';
import { visit } from '../../testing/components/next-navigation';
import { renderHookWithClient } from '../../testing/components/render';
import { useListFilters } from './use-list-filters';

vi.mock('next/navigation', () => import('../../testing/components/next-navigation'));

describe('useListFilters', () => {
  it('reads the filters from the URL, dropping statuses the server does not know', () => {
    visit('/?status=stuck,bogus,failed&type=order-fulfilment&q=%20ord-1%20&sort=started');
    const { result } = renderHookWithClient(() => useListFilters());
    expect(result.current[0]).toEqual({ ...NO_FILTERS, status: ['failed', 'stuck'], type: ['order-fulfilment'], q: 'ord-1', sort: 'started' });
  });

  it('reads no filters from a bare URL', () => {
    visit('/');
    const { result } = renderHookWithClient(() => useListFilters());
    expect(result.current[0]).toEqual(NO_FILTERS);
  });

  it('writes filters into the URL in place, keeping other parameters and the hash, and reads them back', () => {
    visit('/?tab=charts#list');
    const { result } = renderHookWithClient(() => useListFilters());
    const before = window.history.length;
    act(() => result.current[1]({ ...NO_FILTERS, status: ['stuck'], finding: ['duplicate-command'], sort: 'started' }));
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/?tab=charts&status=stuck&finding=duplicate-command&sort=started#list');
    expect(window.history.length).toBe(before);
    expect(result.current[0]).toMatchObject({ status: ['stuck'], finding: ['duplicate-command'], sort: 'started' });
  });

  it('leaves defaults out of the URL', () => {
    visit('/?status=stuck&sort=started');
    const { result } = renderHookWithClient(() => useListFilters());
    act(() => result.current[1](NO_FILTERS));
    expect(window.location.search).toBe('');
    expect(result.current[0]).toEqual(NO_FILTERS);
  });

  it('follows the URL when it changes elsewhere (back and forward)', () => {
    visit('/');
    const { result } = renderHookWithClient(() => useListFilters());
    act(() => {
      window.history.pushState(null, '', '/?type=trip-booking');
    });
    expect(result.current[0].type).toEqual(['trip-booking']);
  });
});
