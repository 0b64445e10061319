'use client';

import { useId, useState, type FormEvent } from 'react';
import { useSignIn } from './use-session';

/** Token sign-in; the server answers with an httpOnly session cookie, so the token is never stored by the page. */
export function SignInForm({ onDone }: { onDone?: () => void }) {
  const [token, setToken] = useState('');
  const signIn = useSignIn();
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(token, { onSuccess: () => (setToken(''), onDone?.()) });
  };
  return (
    <form onSubmit={submit} aria-label="Sign in" style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
      <label htmlFor={id}>Operator token</label>
      <input id={id} type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} required />
      <button type="submit" disabled={signIn.isPending || token === ''}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {signIn.error ? (
        <span role="alert" style={{ color: 'var(--bad)' }}>
          {signIn.error.message}
        </span>
      ) : null}
    </form>
  );
}
