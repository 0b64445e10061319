'use client';

import type { ReactNode } from 'react';
import { SignInForm } from './sign-in-form';
import { useSession } from './use-session';

/** When the monitor is configured so that viewing needs an operator, nothing but the sign-in form shows until then. */
export function SignInGate({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.data?.signInRequired && session.data.operator === null) {
    return (
      <main className="app-main">
        <h1>Sign in</h1>
        <p>This monitor is configured to show sagas to operators only.</p>
        <SignInForm onDone={() => window.location.reload()} />
      </main>
    );
  }
  return <>{children}</>;
}
