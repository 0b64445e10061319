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
});
