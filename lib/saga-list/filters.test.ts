import { describe, expect, it } from 'vitest';
import { filtersToSearch, hasActiveFilters, NO_FILTERS, parseListFilters, sagaListApiUrl } from './filters';

const parse = (qs: string) => parseListFilters(new URLSearchParams(qs));

describe('parseListFilters', () => {
  it('reads nothing as no filters, sorted by last update', () => {
    expect(parse('')).toEqual(NO_FILTERS);
  });

  it('reads comma lists sorted and deduplicated, so one filter set makes one query key', () => {
    expect(parse('status=stuck,failed,stuck&type=b,a&step=payment').status).toEqual(['failed', 'stuck']);
    expect(parse('type=b, a,').type).toEqual(['a', 'b']);
  });

  it('drops statuses the server does not know instead of failing the request', () => {
    expect(parse('status=stuck,bogus').status).toEqual(['stuck']);
  });

  it('reads finding kinds and drops unknown ones', () => {
    expect(parse('finding=uncompensated,bogus,duplicate-command').finding).toEqual(['duplicate-command', 'uncompensated']);
  });

  it.each([
    ['sort=started', 'started'],
    ['sort=updated', 'updated'],
    ['sort=nonsense', 'updated'],
  ])('reads %s as %s', (qs, sort) => {
    expect(parse(qs).sort).toBe(sort);
  });

  it('trims and caps the search like the server', () => {
    expect(parse('q=%20ord-1%20').q).toBe('ord-1');
    expect(parse(`q=${'x'.repeat(300)}`).q).toHaveLength(200);
  });
});

describe('filtersToSearch', () => {
  it('round-trips and leaves defaults and unrelated parameters as they are', () => {
    const f = { ...NO_FILTERS, status: ['stuck'], q: 'ord-', sort: 'started' as const };
    const qs = filtersToSearch(new URLSearchParams('other=1&status=failed'), f);
    expect(qs).toBe('other=1&status=stuck&q=ord-&sort=started');
    expect(parse(qs)).toEqual(f);
    expect(filtersToSearch(new URLSearchParams('status=x&sort=started'), NO_FILTERS)).toBe('');
  });
});

describe('findings in the URL', () => {
  it('round-trip and reach the API', () => {
    const f = { ...NO_FILTERS, finding: ['uncompensated'] };
    const qs = filtersToSearch(new URLSearchParams(''), f);
    expect(qs).toBe('finding=uncompensated');
    expect(parse(qs)).toEqual(f);
    expect(sagaListApiUrl(f, 50, null)).toBe('/api/sagas?finding=uncompensated&sort=updated&limit=50');
    expect(hasActiveFilters(f)).toBe(true);
  });
});

describe('sagaListApiUrl', () => {
  it('passes lists as comma lists, the sort, the page size and the cursor', () => {
    const f = { ...NO_FILTERS, status: ['failed', 'stuck'], type: ['trip-booking'] };
    expect(sagaListApiUrl(f, 1000, 'abc')).toBe('/api/sagas?status=failed%2Cstuck&type=trip-booking&sort=updated&limit=1000&cursor=abc');
    expect(sagaListApiUrl(NO_FILTERS, 50, null)).toBe('/api/sagas?sort=updated&limit=50');
  });
});

describe('hasActiveFilters', () => {
  it('ignores the sort', () => {
    expect(hasActiveFilters({ ...NO_FILTERS, sort: 'started' })).toBe(false);
    expect(hasActiveFilters({ ...NO_FILTERS, q: 'o' })).toBe(true);
  });
});
