import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionView } from '../../lib/wire/rest';
import { answer, fakeFetch } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { session } from '../../testing/components/wire-fixtures';
import { SignInGate } from './sign-in-gate';
import { sessionKey } from './use-session';

function show(who: Partial<SessionView>) {
  fakeFetch().on('GET', '/api/session', answer(SessionView, session(who)));
  return renderWithClient(
    <SignInGate>
      <p>The sagas</p>
    </SignInGate>,
  );
}

describe('SignInGate', () => {
  it('shows only the sign-in form while viewing needs an operator and nobody is signed in', async () => {
    show({ operator: null, signInRequired: true });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByText('The sagas')).toBeNull();
  });

  it.each([
    ['an operator is signed in', { signInRequired: true }],
    ['viewing is open to all', { operator: null, signInRequired: false }],
  ])('shows the page when %s', async (_name, who) => {
    const { client } = show(who);
    await waitFor(() => expect(client.getQueryState(sessionKey)?.status).toBe('success'));
    expect(screen.getByText('The sagas')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Sign in' })).toBeNull();
  });
});
