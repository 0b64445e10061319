import { afterEach, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A shown notification, as the test sees it. */
export interface Shown {
  title: string;
  body: string | undefined;
  tag: string | undefined;
  onclick: (() => void) | null;
}

/**
 * The browser's Notification API for the current test (happy-dom has none): `permission` is what the user decided,
 * and requestPermission answers `answer`. Every notification constructed lands in `shown`.
 */
export function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: Shown[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => ((FakeNotification.permission = answer), answer));
    onclick: (() => void) | null = null;
    constructor(title: string, o: NotificationOptions = {}) {
      const entry: Shown = { title, body: o.body, tag: o.tag, onclick: null };
      shown.push(entry);
      // The component sets onclick after constructing: forward it to what the test reads.
      Object.defineProperty(this, 'onclick', { set: (f: (() => void) | null) => (entry.onclick = f), get: () => entry.onclick });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requestPermission: FakeNotification.requestPermission };
}
