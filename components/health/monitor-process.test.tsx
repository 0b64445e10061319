import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { health } from '../../testing/components/wire-fixtures';
import { MonitorProcess } from './monitor-process';

const described = (region: HTMLElement, term: string) => within(region).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

describe('MonitorProcess', () => {
  it('shows memory and uptime', () => {
    renderWithClient(<MonitorProcess process={health().process} />);
    const region = screen.getByRole('region', { name: 'Monitor process' });
    expect(described(region, 'Memory')).toBe('200 MB resident, 80 MB heap');
    expect(described(region, 'Up for')).toBe('1 h');
    expect(within(region).queryByText('Event-loop delay')).toBeNull();
  });

  it('shows event-loop delay and garbage collection when the server measures them', () => {
    const process: HealthResponse['process'] = {
      ...health().process,
      eventLoop: { windowMs: 60_000, delayP50Ms: 2, delayP99Ms: 140, delayMaxMs: 300, gcPauses: 1_200, gcMajorPauses: 3, gcTotalMs: 812.4, gcMaxMs: 45 },
    };
    renderWithClient(<MonitorProcess process={process} />);
    const region = screen.getByRole('region', { name: 'Monitor process' });
    expect(described(region, 'Event-loop delay')).toBe('p50 2 ms, p99 140 ms, max 300 ms over the last 1 min');
    expect(described(region, 'Garbage collection')).toBe('1,200 pauses (3 major), 812 ms in all, longest 45 ms');
  });

  it.each<[string, NonNullable<HealthResponse['clock']>, string, boolean]>([
    ['nothing read live', { gapMs: null, sagas: 0, limitMs: 8_000, disagrees: false, judgedBehindMs: 0 }, 'not compared yet: no record read live', false],
    ['clocks agreeing', { gapMs: 42, sagas: 20, limitMs: 8_000, disagrees: false, judgedBehindMs: 0 }, 'agrees with the records: the freshest read 42 ms after its timestamp', false],
    [
      'the monitor a minute ahead',
      { gapMs: 60_200, sagas: 20, limitMs: 8_000, disagrees: true, judgedBehindMs: 60_200 },
      "1 min ahead of every record read live, more than the smallest step timeout, 8 s: stuck is judged on the records' clock",
      true,
    ],
    [
      'records stamped an hour ahead',
      { gapMs: -3_600_000, sagas: 20, limitMs: 8_000, disagrees: true, judgedBehindMs: 0 },
      'records stamped up to 1 h ahead of it, more than the smallest step timeout, 8 s: their sagas turn stuck no earlier than that',
      true,
    ],
    [
      'a few late sagas',
      { gapMs: 30_000, sagas: 3, limitMs: 8_000, disagrees: false, judgedBehindMs: 0 },
      "30 s ahead of the records of 3 sagas read live: too few to tell this clock from their producers'",
      false,
    ],
  ])('says how its clock compares with the records: %s', (_, clock, words, warn) => {
    renderWithClient(<MonitorProcess process={health().process} clock={clock} />);
    const region = screen.getByRole('region', { name: 'Monitor process' });
    expect(described(region, 'Clock')).toBe(words);
    expect(within(region).getByText(words).className.includes('warn')).toBe(warn);
  });
});
