import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StuckAlert } from '../../lib/wire/socket';
import { fakeNotifications } from '../../testing/components/fake-notification';
import { router } from '../../testing/components/next-navigation';
import { renderHookWithClient, renderWithClient } from '../../testing/components/render';
import { stuckAlert } from '../../testing/components/wire-fixtures';
import { NotificationControl } from './notification-control';
import { MAX_NOTIFICATIONS_AT_ONCE, useNotificationPermission, useStuckNotifications } from './use-notifications';

vi.mock('next/navigation', () => import('../../testing/components/next-navigation'));

function Control() {
  const [permission, request] = useNotificationPermission();
  return <NotificationControl permission={permission} request={request} />;
}

describe('notification permission', () => {
  it('offers to enable notifications, then says they are on', async () => {
    const { requestPermission } = fakeNotifications('default', 'granted');
    renderWithClient(<Control />);
    await userEvent.click(await screen.findByRole('button', { name: 'Enable notifications' }));
    expect(await screen.findByText('Notifications on')).toBeTruthy();
    expect(requestPermission).toHaveBeenCalledOnce();
  });

  it('says when the browser blocks them', async () => {
    fakeNotifications('denied');
    renderWithClient(<Control />);
    expect(await screen.findByText('Notifications blocked by the browser')).toBeTruthy();
  });

  it('offers nothing where the browser has no notifications', async () => {
    const { result } = renderHookWithClient(() => useNotificationPermission());
    await waitFor(() => expect(result.current[0]).toBe('unsupported'));
    renderWithClient(<NotificationControl permission="unsupported" request={() => {}} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('useStuckNotifications', () => {
  function watch(enabled = true) {
    const notes = fakeNotifications('granted');
    const h = renderHookWithClient((alerts: StuckAlert[] | undefined) => useStuckNotifications(alerts, enabled), { initialProps: undefined as StuckAlert[] | undefined });
    return { ...notes, ...h };
  }

  it('says nothing about the alerts already there at the first load', () => {
    const { shown, rerender } = watch();
    rerender([stuckAlert('o-1')]);
    expect(shown).toEqual([]);
  });

  it('notifies each newly stuck saga, and opens it on click', () => {
    const { shown, rerender } = watch();
    rerender([stuckAlert('o-1')]);
    rerender([stuckAlert('o-1'), stuckAlert('o 2')]);
    expect(shown.map((n) => [n.title, n.body])).toEqual([['Saga stuck: o 2', 'order-fulfilment: step payment started and got no reply within 30 s']]);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {});
    act(() => shown[0].onclick!());
    expect(focus).toHaveBeenCalled();
    expect(router.push).toHaveBeenCalledWith('/sagas/o%202');
  });

  it('sums up a burst in one notification', () => {
    const { shown, rerender } = watch();
    rerender([]);
    const burst = Array.from({ length: MAX_NOTIFICATIONS_AT_ONCE + 1 }, (_, i) => stuckAlert(`o-${i}`));
    rerender(burst);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: `${burst.length} sagas stuck`, body: burst.map((a) => a.sagaId).join(', ') });
  });

  it('stays quiet while not permitted, and does not replay what it saw meanwhile', () => {
    const notes = fakeNotifications('granted');
    const { rerender } = renderHookWithClient((p: { alerts: StuckAlert[]; enabled: boolean }) => useStuckNotifications(p.alerts, p.enabled), {
      initialProps: { alerts: [] as StuckAlert[], enabled: false },
    });
    rerender({ alerts: [stuckAlert('o-1')], enabled: false });
    rerender({ alerts: [stuckAlert('o-1')], enabled: true });
    expect(notes.shown).toEqual([]);
  });
});
