import { describe, expect, it } from 'vitest';
import { describeTimeline } from './describe';
import { compensatedOrder, stuckTrip, T0 } from '../../testing/fixtures/timeline';

describe('describeTimeline', () => {
  it.each([
    {
      name: 'compensated saga',
      saga: compensatedOrder,
      now: T0 + 60_000,
      out:
        'Saga compensated after 1.338 s. ' +
        'payment compensated: started at +9 ms, took 167 ms, compensation took 303 ms. ' +
        'inventory compensated: started at +190 ms, took 294 ms, compensation took 332 ms. ' +
        'shipping failed: started at +495 ms, took 183 ms. 9 events marked.',
    },
    {
      name: 'stuck saga',
      saga: stuckTrip,
      now: T0 + 20_000,
      out:
        'Saga stuck, running for 20 s. flight completed: started at +0 ms, took 300 ms. ' +
        'hotel completed: started at +300 ms, took 555 ms. car running: started at +855 ms, running for 19.145 s. 3 events marked.',
    },
  ])('$name', ({ saga, now, out }) => {
    expect(describeTimeline(saga, now)).toBe(out);
  });
});
