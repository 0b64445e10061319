import { describe, expect, it } from 'vitest';
import { checkRunTag, makeSagaId, newRunTag, parseSagaId } from './saga-id';

describe('saga ids', () => {
  it('round-trips type, run tag and ordinal', () => {
    expect(makeSagaId('order-fulfilment', 'm3x7k2', 17)).toBe('ord-m3x7k2-17');
    expect(parseSagaId('ord-m3x7k2-17')).toEqual({ sagaType: 'order-fulfilment', runTag: 'm3x7k2', ordinal: 17 });
    expect(parseSagaId(makeSagaId('trip-booking', 'abc', 3))).toEqual({ sagaType: 'trip-booking', runTag: 'abc', ordinal: 3 });
  });

  it('does not parse foreign ids', () => {
    for (const id of ['order-1', 'ord-17', 'ord-ABC-1', 'trip-x-', 'x-ord-a-1']) expect(parseSagaId(id)).toBeNull();
  });

  it('makes a short run tag from the clock', () => {
    expect(newRunTag(1_700_000_000_000)).toMatch(/^[0-9a-z]{6}$/);
    expect(newRunTag(1_700_000_000_000)).not.toBe(newRunTag(1_700_000_000_001));
  });

  it('rejects run tags that would break the id pattern', () => {
    expect(checkRunTag('run1')).toBe('run1');
    expect(() => checkRunTag('Run-1')).toThrow();
    expect(() => checkRunTag('')).toThrow();
  });
});
