import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RetryPlanView } from '../../lib/retry/retry-wire';
import { SessionView, type SagaStatus } from '../../lib/wire/rest';
import { answer, fakeFetch } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { retryPlan, session } from '../../testing/components/wire-fixtures';
import { RetryPanel } from './retry-panel';
import { sessionKey } from './use-session';

function show(status: SagaStatus, who: Partial<SessionView>) {
  let current = session(who);
  const api = fakeFetch()
    .on('GET', '/api/session', () => answer(SessionView, current))
    .on('DELETE', '/api/session', () => ((current = session({ operator: null })), { status: 204, body: null }))
    .on('GET', '/api/sagas/o-1/retry-plan', answer(RetryPlanView, retryPlan('o-1')));
  return { api, ...renderWithClient(<RetryPanel saga={{ id: 'o-1', status }} />) };
}

describe('RetryPanel', () => {
  it('shows nothing when the monitor has retries off', async () => {
    const { client } = show('stuck', { retriesEnabled: false });
    await waitFor(() => expect(client.getQueryState(sessionKey)?.status).toBe('success'));
    expect(screen.queryByRole('region', { name: 'Retry' })).toBeNull();
  });

  it('asks for a token when nobody is signed in', async () => {
    show('stuck', { operator: null });
    const panel = await screen.findByRole('region', { name: 'Retry' });
    expect(within(panel).getByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('opens the confirm dialog for a stuck saga', async () => {
    show('stuck', {});
    const panel = await screen.findByRole('region', { name: 'Retry' });
    expect(within(panel).getByText('alice')).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('dialog', { name: 'Retry o-1?' })).toBeTruthy();
  });

  it('explains why a finished saga cannot be retried', async () => {
    show('completed', {});
    const panel = await screen.findByRole('region', { name: 'Retry' });
    expect(within(panel).getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', true);
    expect(within(panel).getByText('Only stuck or failed sagas can be retried.')).toBeTruthy();
  });

  it('signs out and asks for a token again', async () => {
    const { api } = show('failed', {});
    const panel = await screen.findByRole('region', { name: 'Retry' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign out' }));
    await within(panel).findByRole('form', { name: 'Sign in' });
    expect(api.requests('DELETE', '/api/session')).toHaveLength(1);
  });
});
