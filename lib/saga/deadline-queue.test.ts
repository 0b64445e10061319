import { describe, expect, it } from 'vitest';
import { DeadlineQueue } from './deadline-queue';
import { mulberry32 } from '../../testing/prng';

type Op = ['schedule', string, number] | ['cancel', string];

function queue(ops: Op[]): DeadlineQueue {
  const q = new DeadlineQueue();
  for (const op of ops) {
    if (op[0] === 'schedule') q.schedule(op[1], op[2]);
    else q.cancel(op[1]);
  }
  return q;
}

const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);

describe('DeadlineQueue', () => {
  it.each<{ name: string; ops: Op[]; now: number; expired: Array<{ id: string; at: number }>; left: number }>([
    { name: 'empty', ops: [], now: 1_000, expired: [], left: 0 },
    {
      name: 'earliest first, whatever the scheduling order',
      ops: [['schedule', 'c', 300], ['schedule', 'a', 100], ['schedule', 'b', 200]],
      now: 1_000,
      expired: [{ id: 'a', at: 100 }, { id: 'b', at: 200 }, { id: 'c', at: 300 }],
      left: 0,
    },
    {
      name: 'a deadline equal to now has expired; a later one has not',
      ops: [['schedule', 'a', 100], ['schedule', 'b', 101]],
      now: 100,
      expired: [{ id: 'a', at: 100 }],
      left: 1,
    },
    {
      name: 'rescheduled later: only the new deadline counts',
      ops: [['schedule', 'a', 100], ['schedule', 'b', 150], ['schedule', 'a', 200]],
      now: 199,
      expired: [{ id: 'b', at: 150 }],
      left: 1,
    },
    {
      name: 'rescheduled earlier: expires at the new deadline, once',
      ops: [['schedule', 'a', 500], ['schedule', 'a', 100]],
      now: 1_000,
      expired: [{ id: 'a', at: 100 }],
      left: 0,
    },
    {
      name: 'rescheduled away and back: expires once',
      ops: [['schedule', 'a', 100], ['schedule', 'a', 200], ['schedule', 'a', 100]],
      now: 1_000,
      expired: [{ id: 'a', at: 100 }],
      left: 0,
    },
    {
      name: 'cancelled: never expires',
      ops: [['schedule', 'a', 100], ['schedule', 'b', 200], ['cancel', 'a']],
      now: 1_000,
      expired: [{ id: 'b', at: 200 }],
      left: 0,
    },
    {
      name: 'cancelled then scheduled again: the new deadline counts',
      ops: [['schedule', 'a', 100], ['cancel', 'a'], ['schedule', 'a', 300]],
      now: 1_000,
      expired: [{ id: 'a', at: 300 }],
      left: 0,
    },
    { name: 'cancelling an unknown id is harmless', ops: [['cancel', 'x'], ['schedule', 'a', 1]], now: 1, expired: [{ id: 'a', at: 1 }], left: 0 },
  ])('$name', ({ ops, now, expired, left }) => {
    const q = queue(ops);
    expect(q.popExpired(now)).toEqual(expired);
    expect(q.size).toBe(left);
    expect(q.popExpired(now)).toEqual([]);
  });

  it('reports each id deadline and forgets it once popped', () => {
    const q = queue([['schedule', 'a', 100], ['schedule', 'a', 250], ['schedule', 'b', 50]]);
    expect([q.deadlineOf('a'), q.deadlineOf('b'), q.deadlineOf('c'), q.size]).toEqual([250, 50, undefined, 2]);
    q.popExpired(100);
    expect([q.deadlineOf('a'), q.deadlineOf('b'), q.size]).toEqual([250, undefined, 1]);
  });

  it('an id popped may be scheduled again (a saga stuck, unstuck, stuck again)', () => {
    const q = queue([['schedule', 'a', 100]]);
    expect(ids(q.popExpired(100))).toEqual(['a']);
    q.schedule('a', 100);
    expect(ids(q.popExpired(100))).toEqual(['a']);
  });

  it('many ids at the same deadline all expire', () => {
    const q = new DeadlineQueue();
    for (let i = 0; i < 50; i++) q.schedule(`s${i}`, 7);
    expect(ids(q.popExpired(7)).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `s${i}`).sort());
  });

  it('a slot freed by one id and reused by another fires for the new id at its own deadline only', () => {
    const q = queue([['schedule', 'a', 100], ['schedule', 'a', 300], ['cancel', 'a'], ['schedule', 'b', 300], ['schedule', 'c', 100]]);
    expect(q.popExpired(200)).toEqual([{ id: 'c', at: 100 }]);
    expect(q.popExpired(300)).toEqual([{ id: 'b', at: 300 }]);
    expect(q.size).toBe(0);
  });

  it('keeps order past its first capacity (thousands of ids, deadlines in reverse)', () => {
    const q = new DeadlineQueue();
    const n = 5_000;
    for (let i = 0; i < n; i++) q.schedule(`s${i}`, n - i);
    const got = q.popExpired(n);
    expect(got).toHaveLength(n);
    expect(got[0]).toEqual({ id: `s${n - 1}`, at: 1 });
    expect(got.map((e) => e.at)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it.each([1, 2, 3, 4, 5])('agrees with a brute-force oracle on a random workload (seed %i)', (seed) => {
    const rand = mulberry32(seed);
    const q = new DeadlineQueue();
    const oracle = new Map<string, number>();
    let now = 0;
    // Few ids, mostly reschedules far ahead: stale heap entries pile up past the rebuild threshold (checked: ~9 rebuilds a seed).
    for (let i = 0; i < 20_000; i++) {
      const id = `s${Math.floor(rand() * 300)}`;
      const r = rand();
      if (r < 0.94) {
        const at = now + Math.floor(rand() * 60_000);
        q.schedule(id, at);
        oracle.set(id, at);
      } else if (r < 0.97) {
        q.cancel(id);
        oracle.delete(id);
      } else {
        now += Math.floor(rand() * 1_000);
        const got = q.popExpired(now);
        const want = [...oracle].filter(([, at]) => at <= now).map(([id, at]) => ({ id, at }));
        for (const { id } of want) oracle.delete(id);
        const byTimeThenId = (a: { id: string; at: number }, b: { id: string; at: number }) => a.at - b.at || (a.id < b.id ? -1 : 1);
        expect(got.slice().sort(byTimeThenId)).toEqual(want.sort(byTimeThenId));
        expect(got.map((e) => e.at)).toEqual(got.map((e) => e.at).sort((a, b) => a - b));
      }
      expect(q.size).toBe(oracle.size);
    }
    for (const [id, at] of oracle) expect(q.deadlineOf(id)).toBe(at);
  });
});
