import { describe, expect, it } from 'vitest';
import { summary } from '../../testing/fixtures/summaries';
import { firstPageOnly, listView, type ListPages } from './pages';

const data: ListPages = {
  pages: [
    { items: [summary('a'), summary('b')], total: 10, nextCursor: 'c1' },
    { items: [], total: 10, nextCursor: 'c2' },
    { items: [summary('c'), summary('d'), summary('e')], total: 11, nextCursor: 'c3' },
  ],
  pageParams: [null, 'c1', 'c2'],
};

describe('listView', () => {
  it('reads rows across pages in place, with the latest page total', () => {
    const v = listView(data);
    expect(v.count).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => v.rowAt(i)?.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(v.rowAt(5)).toBeUndefined();
    expect(v.rowAt(-1)).toBeUndefined();
    expect(v.total).toBe(11);
    expect(v.hasMore).toBe(true);
  });

  it.each([
    ['d', undefined, 3],
    ['a', 4, 0],
    ['e', 0, 4],
    ['c', 99, 2],
    ['zz', 2, -1],
  ])('finds %s from hint %s at %i', (id, hint, expected) => {
    expect(listView(data).indexOf(id, hint)).toBe(expected);
  });

  it('reads an empty cache as an empty list', () => {
    const v = listView(undefined);
    expect(v).toMatchObject({ count: 0, total: 0, hasMore: false });
    expect(v.indexOf('a')).toBe(-1);
  });
});

describe('firstPageOnly', () => {
  it('drops every page after the first', () => {
    expect(firstPageOnly(data)).toEqual({ pages: [data.pages[0]], pageParams: [null] });
    expect(firstPageOnly(undefined)).toBeUndefined();
  });
});
