import { describe, expect, it } from 'vitest';
import { summary } from '../../testing/fixtures/summaries';
import { emptyHeld, hold } from './held';

describe('hold', () => {
  it('keeps the latest summary per saga and counts sagas, not changes', () => {
    const h = hold(hold(emptyHeld(), [summary('a'), summary('b')], false), [summary('a', { status: 'stuck' })], false);
    expect(h.count).toBe(2);
    expect(h.sagas.get('a')!.status).toBe('stuck');
    expect(h.refetch).toBe(false);
  });

  it('turns into a refetch past the cap, dropping the summaries and counting on', () => {
    const h = hold(emptyHeld(), [summary('a'), summary('b'), summary('c')], false, 2);
    expect(h).toMatchObject({ refetch: true, count: 3 });
    expect(h.sagas.size).toBe(0);
    hold(h, [summary('d')], false, 2);
    expect(h.count).toBe(4);
  });

  it('turns into a refetch when a batch was missed', () => {
    const h = hold(hold(emptyHeld(), [summary('a')], false), [summary('b')], true);
    expect(h).toMatchObject({ refetch: true, count: 2 });
  });
});
