'use client';

import { useState } from 'react';
import type { SagaDetail } from '../../lib/wire/rest';
import { RetryDialog } from './retry-dialog';
import { SignInForm } from './sign-in-form';
import { useSession, useSignOut } from './use-session';

/** Statuses a retry usually makes sense for; the server has the final word (per saga type). */
const RETRYABLE_HINT = new Set(['stuck', 'failed']);

/** Retry controls on the drill-down: sign in when needed, then Retry opens the confirm dialog. */
export function RetryPanel({ saga }: { saga: Pick<SagaDetail, 'id' | 'status'> }) {
  const session = useSession();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  if (!session.data?.retriesEnabled) return null;
  return (
    <section aria-label="Retry" className="panel" style={{ display: 'flex', gap: '0.75rem', alignItems: 'center', flexWrap: 'wrap' }}>
      {session.data.operator === null ? (
        <SignInForm />
      ) : (
        <>
          <span>
            Signed in as <strong>{session.data.operator}</strong>
          </span>
          <button type="button" onClick={() => setOpen(true)} disabled={!RETRYABLE_HINT.has(saga.status)}>
            Retry
          </button>
          {!RETRYABLE_HINT.has(saga.status) ? <span className="muted">Only stuck or failed sagas can be retried.</span> : null}
          <button type="button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </>
      )}
      {open ? <RetryDialog sagaId={saga.id} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}
