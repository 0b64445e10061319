import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SessionView } from '../../lib/wire/rest';
import type { StuckAlert } from '../../lib/wire/socket';
import { answer, fakeFetch } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { session, stuckAlert } from '../../testing/components/wire-fixtures';
import { BulkRetryControl } from './bulk-retry-control';
import { sessionKey } from './use-session';

function show(who: Partial<SessionView>, alerts: StuckAlert[] = [stuckAlert('o-1')]) {
  fakeFetch().on('GET', '/api/session', answer(SessionView, session(who)));
  return renderWithClient(<BulkRetryControl alerts={alerts} />);
}

describe('BulkRetryControl', () => {
  it.each([
    ['retries are off', { retriesEnabled: false }, [stuckAlert('o-1')]],
    ['nobody is signed in', { operator: null }, [stuckAlert('o-1')]],
    ['no saga is stuck', {}, []],
  ])('is hidden when %s', async (_name, who, alerts) => {
    const { client } = show(who, alerts);
    await waitFor(() => expect(client.getQueryState(sessionKey)?.status).toBe('success'));
    expect(screen.queryByRole('button', { name: 'Retry stuck…' })).toBeNull();
  });

  it('opens the bulk retry dialog for a signed-in operator', async () => {
    show({});
    await userEvent.click(await screen.findByRole('button', { name: 'Retry stuck…' }));
    expect(screen.getByRole('dialog', { name: 'Retry stuck sagas' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
