import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithClient } from '../../testing/components/render';
import { SEARCH_DEBOUNCE_MS, SearchBox } from './search-box';

const box = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search saga id' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });
const wait = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SearchBox', () => {
  it('commits once typing pauses, trimmed, not once per key', () => {
    const onCommit = vi.fn();
    renderWithClient(<SearchBox value="" onCommit={onCommit} />);
    type('o');
    wait(SEARCH_DEBOUNCE_MS - 1);
    type('ord-1 ');
    wait(SEARCH_DEBOUNCE_MS - 1);
    expect(onCommit).not.toHaveBeenCalled();
    wait(1);
    expect(onCommit.mock.calls).toEqual([['ord-1']]);
  });

  it('does not commit what is already applied', () => {
    const onCommit = vi.fn();
    renderWithClient(<SearchBox value="ord" onCommit={onCommit} />);
    type('ord ');
    wait(SEARCH_DEBOUNCE_MS);
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('follows the URL when it changes elsewhere', () => {
    const onCommit = vi.fn();
    const { rerender } = renderWithClient(<SearchBox value="ord" onCommit={onCommit} />);
    rerender(<SearchBox value="" onCommit={onCommit} />);
    expect(box().value).toBe('');
    wait(SEARCH_DEBOUNCE_MS);
    expect(onCommit).not.toHaveBeenCalled();
  });
});
