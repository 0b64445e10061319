import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHookWithClient } from '../../testing/components/render';
import { NOW } from '../../testing/components/wire-fixtures';
import { AGE_TICK_MS, useNow } from './use-now';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it('ticks every second while active', () => {
    const { result } = renderHookWithClient(() => useNow(true));
    expect(result.current).toBe(NOW);
    act(() => {
      vi.advanceTimersByTime(AGE_TICK_MS);
    });
    expect(result.current).toBe(NOW + AGE_TICK_MS);
  });

  it('stands still while inactive and catches up once active', () => {
    const { result, rerender } = renderHookWithClient((active: boolean) => useNow(active), { initialProps: false });
    act(() => {
      vi.advanceTimersByTime(5 * AGE_TICK_MS);
    });
    expect(result.current).toBe(NOW);
    rerender(true);
    expect(result.current).toBe(NOW + 5 * AGE_TICK_MS);
  });
});
