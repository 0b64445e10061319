import { describe, expect, it } from 'vitest';
import { renderHookWithClient } from '../../testing/components/render';
import { useStableRows } from './use-stable-rows';

describe('useStableRows', () => {
  it('keeps the previous array while the values are the same, and takes a changed one', () => {
    const first = [{ t: 1, n: 2 }];
    const { result, rerender } = renderHookWithClient((rows: { t: number; n: number }[]) => useStableRows(rows), { initialProps: first });
    rerender([{ t: 1, n: 2 }]);
    expect(result.current).toBe(first);
    const changed = [{ t: 1, n: 3 }];
    rerender(changed);
    expect(result.current).toBe(changed);
  });
});
