import { describe, expect, it } from 'vitest';
import { ReadPositions } from './read-positions';

describe('ReadPositions', () => {
  it('takes each partition in offset order and refuses what it already passed', () => {
    const p = new ReadPositions();
    expect(['0', '1', '9'].map((o) => p.advance('t', 0, o))).toEqual([true, true, true]);
    expect(p.advance('t', 0, '9')).toBe(false);
    expect(p.advance('t', 0, '3')).toBe(false);
    expect(p.advance('t', 1, '0')).toBe(true);
    expect(p.advance('u', 0, '0')).toBe(true);
    expect(p.advance('t', 0, '10')).toBe(true);
  });

  it('compares int64 offsets exactly', () => {
    const p = new ReadPositions();
    expect(p.advance('t', 0, '9007199254740993')).toBe(true);
    expect(p.advance('t', 0, '9007199254740992')).toBe(false);
    expect(p.advance('t', 0, '9007199254740994')).toBe(true);
  });

  it('a forgotten topic starts again from any offset', () => {
    const p = new ReadPositions();
    p.advance('t', 0, '500');
    p.forget('t');
    expect(p.advance('t', 0, '0')).toBe(true);
  });
});
