import { describe, expect, it } from 'vitest';
import { summarizeLongTasks } from './browser-long-tasks';

describe('summarizeLongTasks', () => {
  it('counts tasks by threshold and measures blocking time inside the window only', () => {
    const tasks = [
      { startTime: 50, duration: 400 }, // before the window
      { startTime: 1_000, duration: 60 },
      { startTime: 2_000, duration: 150 },
      { startTime: 3_000, duration: 250 },
      { startTime: 11_000, duration: 300 }, // after it
    ];
    expect(summarizeLongTasks(tasks, 1_000, 11_000)).toEqual({
      over50ms: 3,
      over100ms: 2,
      over200ms: 1,
      longestMs: 250,
      p95Ms: 250,
      totalBlockingMs: 10 + 100 + 200,
      busyShare: 0.046,
    });
  });

  it('a quiet window has no long tasks', () => {
    expect(summarizeLongTasks([], 0, 30_000)).toMatchObject({ over50ms: 0, over200ms: 0, longestMs: 0, p95Ms: 0, totalBlockingMs: 0 });
  });

  it('ignores entries of 50 ms or less, which are not long tasks', () => {
    expect(summarizeLongTasks([{ startTime: 1, duration: 50 }], 0, 10).over50ms).toBe(0);
  });
});
