import { describe, expect, it } from 'vitest';
import { summary } from '../../testing/fixtures/summaries';
import { durationText, sinceText, startedFormatter, statusLabel, stuckForText } from './format';

const NOW = Date.UTC(2026, 4, 3, 14, 5, 30);

describe('list cell texts', () => {
  it.each([
    [NOW - 200, 'just now'],
    [NOW - 12_000, '12 s ago'],
    [NOW - 185_000, '3 min 5 s ago'],
  ])('reads an update at %i as %s', (t, text) => {
    expect(sinceText(t, NOW)).toBe(text);
  });

  it('shows the duration once finished and the age so far while running', () => {
    expect(durationText(summary('a', { startedAt: 0, endedAt: 1500, durationMs: 1500 }), NOW)).toBe('1.5 s');
    expect(durationText(summary('a', { startedAt: NOW - 42_000 }), NOW)).toBe('42 s so far');
  });

  it('says how long a stuck saga has been stuck', () => {
    expect(stuckForText(summary('a', { status: 'stuck', stuckSince: NOW - 65_000 }), NOW)).toBe('for 1 min 5 s');
    expect(stuckForText(summary('a'), NOW)).toBeNull();
  });

  it('shows the clock time today and the date before', () => {
    const f = startedFormatter({ locale: 'en-GB', timeZone: 'UTC' });
    expect(f(NOW - 60_000, NOW)).toBe('14:04:30');
    expect(f(NOW - 86_400_000, NOW)).toBe('2 May, 14:05');
  });

  it('writes statuses as words', () => {
    expect(statusLabel('in_progress')).toBe('in progress');
  });
});
