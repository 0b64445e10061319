import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SessionView } from '../../lib/wire/rest';
import { answer, failure, fakeFetch, type Answer } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { session } from '../../testing/components/wire-fixtures';
import { sessionKey } from './use-session';
import { SignInForm } from './sign-in-form';

function show(signIn: Answer) {
  const api = fakeFetch().on('POST', '/api/session', signIn);
  const onDone = vi.fn();
  const h = renderWithClient(<SignInForm onDone={onDone} />);
  const form = screen.getByRole('form', { name: 'Sign in' });
  const token = within(form).getByLabelText<HTMLInputElement>('Operator token');
  const submit = within(form).getByRole('button', { name: 'Sign in' });
  return { ...h, api, onDone, form, token, submit };
}

describe('SignInForm', () => {
  it('cannot be sent without a token', () => {
    const { submit } = show(answer(SessionView, session()));
    expect(submit).toHaveProperty('disabled', true);
  });

  it('sends the token, forgets it and refreshes the session', async () => {
    const { api, token, submit, onDone, client } = show(answer(SessionView, session()));
    client.setQueryData(sessionKey, session({ operator: null }));
    await userEvent.type(token, 's3cret');
    await userEvent.click(submit);
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(api.requests('POST', '/api/session')[0].body).toEqual({ token: 's3cret' });
    expect(token.value).toBe('');
    expect(client.getQueryState(sessionKey)?.isInvalidated).toBe(true);
  });

  it('shows why the token was refused and keeps it for correction', async () => {
    const { token, submit, form, onDone } = show(failure(401, 'unknown token'));
    await userEvent.type(token, 'wrong');
    await userEvent.click(submit);
    expect((await within(form).findByRole('alert')).textContent).toBe('unknown token');
    expect(token.value).toBe('wrong');
    expect(onDone).not.toHaveBeenCalled();
  });
});
