import { describe, expect, it, vi } from 'vitest';
import type { PortNotification } from '../../contract/api.js';
import { PortNotifier, type NotificationHandle } from './port-notifier.js';

const notification: PortNotification = {
  title: 'node opened 127.0.0.1:5173',
  body: 'pid 1 · node',
  rowIds: ['vite', 'vite6'],
  key: 'pid:1',
  time: 1,
};

/** Recording OS notifications: native popups cannot exist in Node. */
function stubFactory() {
  type Stub = NotificationHandle & { shown: boolean; closed: boolean; click: () => void; title: string };
  const made: Stub[] = [];
  const factory = (n: PortNotification) => {
    let onClick = () => undefined as void;
    let onClose = () => undefined as void;
    const handle: Stub = {
      title: n.title,
      shown: false,
      closed: false,
      click: () => onClick(),
      show: () => void (handle.shown = true),
      onClick: (h) => void (onClick = h),
      onClose: (h) => void (onClose = h),
      // What the OS does: the notification goes and its close handler runs.
      close() {
        handle.closed = true;
        onClose();
      },
    };
    made.push(handle);
    return handle;
  };
  return { made, factory };
}

describe('PortNotifier (stub notifications)', () => {
  it('shows notify messages and reveals the first row on click', () => {
    const { made, factory } = stubFactory();
    const revealRow = vi.fn();
    const notifier = new PortNotifier(factory, { isPaused: () => false, revealRow });
    notifier.accept({ type: 'notify', notification });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ shown: true, title: notification.title });
    expect(notifier.pending).toBe(1);
    made[0]!.click();
    expect(revealRow).toHaveBeenCalledWith('vite');
    expect(notifier.pending).toBe(0);
    expect(notifier.recent()).toEqual([notification]);
  });

  it('a newer notification with the same key replaces the one on screen', () => {
    const { made, factory } = stubFactory();
    const notifier = new PortNotifier(factory, { isPaused: () => false, revealRow: vi.fn() });
    notifier.accept({ type: 'notify', notification });
    notifier.accept({ type: 'notify', notification: { ...notification, title: 'node opened 3 ports' } });
    expect(made.map((n) => [n.title, n.closed])).toEqual([
      [notification.title, true],
      ['node opened 3 ports', false],
    ]);
    expect(notifier.pending).toBe(1);
  });

  it('holds each notification until it is closed', () => {
    const { made, factory } = stubFactory();
    const notifier = new PortNotifier(factory, { isPaused: () => false, revealRow: vi.fn() });
    notifier.accept({ type: 'notify', notification });
    notifier.accept({ type: 'notify', notification: { ...notification, key: 'pid:2' } });
    expect(notifier.pending).toBe(2);
    made[0]!.close();
    expect(notifier.pending).toBe(1);
  });

  it('shows nothing while paused, for other messages, or where the OS has no notifications', () => {
    const { made, factory } = stubFactory();
    const paused = new PortNotifier(factory, { isPaused: () => true, revealRow: vi.fn() });
    paused.accept({ type: 'notify', notification });
    paused.accept({ type: 'reveal', rowId: 'x' });
    expect(made).toHaveLength(0);
    const unsupported = new PortNotifier(() => null, { isPaused: () => false, revealRow: vi.fn() });
    unsupported.accept({ type: 'notify', notification });
    expect(unsupported.recent()).toEqual([]);
  });
});
