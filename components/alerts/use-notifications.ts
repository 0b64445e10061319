'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StuckAlert } from '../../lib/wire/socket';

/** More new alerts than this in one update become one summary notification instead of a burst of pop-ups. */
export const MAX_NOTIFICATIONS_AT_ONCE = 3;

/** One tag for all: each new notification replaces the last instead of piling up when many sagas stick at once. */
const NOTIFICATION_TAG = 'saga-monitor-stuck';

export type Permission = NotificationPermission | 'unsupported';

/** null until mounted: the server has no Notification API, and the first render must match it. */
export function useNotificationPermission(): [Permission | null, () => void] {
  const [permission, setPermission] = useState<Permission | null>(null);
  useEffect(() => {
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);
  const request = useCallback(() => {
    void Notification.requestPermission().then(setPermission);
  }, []);
  return [permission, request];
}

/** Shows a browser notification for each alert raised after the first load, only while permission is granted. */
export function useStuckNotifications(alerts: StuckAlert[] | undefined, enabled: boolean): void {
  const seen = useRef<Set<string> | null>(null);
  const router = useRouter();
  useEffect(() => {
    if (!alerts) return;
    const previous = seen.current;
    seen.current = new Set(alerts.map((a) => a.sagaId));
    if (!previous || !enabled) return;
    const fresh = alerts.filter((a) => !previous.has(a.sagaId));
    if (fresh.length > MAX_NOTIFICATIONS_AT_ONCE) {
      new Notification(`${fresh.length} sagas stuck`, { body: fresh.map((a) => a.sagaId).join(', '), tag: NOTIFICATION_TAG });
      return;
    }
    for (const a of fresh) {
      const n = new Notification(`Saga stuck: ${a.sagaId}`, { body: `${a.sagaType}: ${a.reason}`, tag: NOTIFICATION_TAG });
      n.onclick = () => {
        window.focus();
        router.push(`/sagas/${encodeURIComponent(a.sagaId)}`);
      };
    }
  }, [alerts, enabled, router]);
}
