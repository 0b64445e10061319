import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConsumersResponse } from '../../lib/wire/consumers';
import { HealthResponse } from '../../lib/wire/rest';
import { freezeClock } from '../../testing/components/clock';
import { answer, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { fakeLive } from '../../testing/components/fake-live';
import { renderWithClient } from '../../testing/components/render';
import { health, NOW } from '../../testing/components/wire-fixtures';
import { HealthView, STALE_AFTER_MS } from './health-view';

function show(a: Handler, live = fakeLive()) {
  freezeClock();
  fakeFetch().on('GET', '/api/health', a).on('GET', '/api/consumers', answer(ConsumersResponse, { items: [] }));
  return renderWithClient(<HealthView />, { live });
}

describe('HealthView', () => {
  it('says it is loading, then shows every part of the monitor’s health', async () => {
    show(answer(HealthResponse, health()));
    expect(screen.getByRole('status').textContent).toBe('Loading health…');
    await screen.findByText('Live, updated every second');
    for (const part of ['Kafka connection', 'Record counts', 'Catch-up', 'Consumer groups', 'Rejected records', 'Monitor process']) {
      expect(screen.getByRole('region', { name: part })).toBeTruthy();
    }
  });

  it('says why health could not load, and loads it on Retry', async () => {
    let down = true;
    show(() => (down ? failure(0, 'the monitor cannot be reached') : answer(HealthResponse, health())));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the monitor’s health:');
    down = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Kafka connection' })).toBeTruthy();
  });

  it('calls the figures stale while the live feed is down', async () => {
    show(answer(HealthResponse, health()), fakeLive('reconnecting'));
    expect(await screen.findByText(/^Not live: figures from .* \(0 s ago\)$/)).toBeTruthy();
  });

  it('calls the figures stale once no update came for a while', async () => {
    show(answer(HealthResponse, health()));
    await screen.findByText('Live, updated every second');
    vi.setSystemTime(NOW + STALE_AFTER_MS + 1_000);
    expect(await screen.findByText(/^Not live: figures from .* \(6 s ago\)$/, undefined, { timeout: 3_000 })).toBeTruthy();
  });
});
