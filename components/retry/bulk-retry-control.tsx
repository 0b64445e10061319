'use client';

import { useState } from 'react';
import type { StuckAlert } from '../../lib/wire/socket';
import { BulkRetryDialog } from './bulk-retry-dialog';
import { useSession } from './use-session';

/** "Retry stuck…" for a signed-in operator; hidden when retries are off or nobody is signed in. */
export function BulkRetryControl({ alerts }: { alerts: StuckAlert[] }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!session.data?.retriesEnabled || session.data.operator === null || alerts.length === 0) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Retry stuck…
      </button>
      {open ? <BulkRetryDialog alerts={alerts} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
