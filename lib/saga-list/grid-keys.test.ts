import { describe, expect, it } from 'vitest';
import { targetIndex } from './grid-keys';

describe('targetIndex', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowDown', 9, 9],
    ['ArrowDown', -1, 0],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['ArrowUp', -1, 0],
    ['PageDown', 3, 7],
    ['PageDown', 8, 9],
    ['PageDown', -1, 4],
    ['PageUp', 5, 1],
    ['PageUp', 2, 0],
    ['Home', 6, 0],
    ['End', 2, 9],
  ])('%s from %i lands on %i of 10 rows', (key, from, to) => {
    expect(targetIndex(key, from, 10, 4)).toBe(to);
  });

  it('ignores other keys and empty grids', () => {
    expect(targetIndex('a', 3, 10, 4)).toBeNull();
    expect(targetIndex('ArrowDown', -1, 0, 4)).toBeNull();
  });
});
