'use client';

import type { Permission } from './use-notifications';

/** Opt-in browser notifications; the alert area works the same without them. */
export function NotificationControl({ permission, request }: { permission: Permission | null; request: () => void }) {
  if (permission === null || permission === 'unsupported') return null;
  if (permission === 'granted') return <span className="muted">Notifications on</span>;
  if (permission === 'denied') return <span className="muted">Notifications blocked by the browser</span>;
  return (
    <button type="button" onClick={request}>
      Enable notifications
    </button>
  );
}
