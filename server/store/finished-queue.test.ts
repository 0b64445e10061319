import { describe, expect, it } from 'vitest';
import { FinishedQueue } from './finished-queue';

describe('FinishedQueue', () => {
  it('shifts ids in the order they were last touched, each once', () => {
    const q = new FinishedQueue();
    for (const id of ['a', 'b', 'c', 'a']) q.touch(id);
    expect(q.size).toBe(3);
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual(['b', 'c', 'a', undefined]);
    expect(q.size).toBe(0);
  });

  it('behaves as a Set re-inserted on touch, through many compactions', () => {
    const q = new FinishedQueue();
    const ref = new Set<string>();
    let x = 1;
    const next = () => (x = (Math.imul(x, 48_271) >>> 0) % 2_147_483_647);
    for (let i = 0; i < 100_000; i++) {
      const id = `s${next() % 3_000}`;
      q.touch(id);
      ref.delete(id);
      ref.add(id);
      if (ref.size > 1_000) {
        const oldest = ref.values().next().value!;
        ref.delete(oldest);
        expect(q.shift()).toBe(oldest);
      }
      expect(q.size).toBe(ref.size);
    }
  });
});
