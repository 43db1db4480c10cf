import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { diffSnapshots } from '../../core/diff/diff-snapshots.js';
import { menuLabels } from './tray-menu.js';
import { TrayController, trayClickToggles, type TrayDependencies, type TrayHost } from './tray.js';
import { liveSource } from './test-support/live-source.js';
import { makeProcess, makeRow, makeSnapshot } from '../../contract/testing/factories.js';

/** The owner of this file's rows unless they name another. */
const node = makeProcess({ pid: 4242, name: 'node' });

/** A recording TrayHost: the OS tray cannot exist in Node. */
function stubTray(): TrayHost & {
  menus: MenuItemConstructorOptions[][];
  tooltips: string[];
  click?: () => void;
} {
  const host = {
    menus: [] as MenuItemConstructorOptions[][],
    tooltips: [] as string[],
    click: undefined as (() => void) | undefined,
    setMenu: (template: MenuItemConstructorOptions[]) => host.menus.push(template),
    setToolTip: (text: string) => host.tooltips.push(text),
    onClick: (handler: () => void) => (host.click = handler),
    destroy: vi.fn(),
  };
  return host;
}

function deps(visible = { value: true }, snapshots = liveSource(), toggleOnClick = true): TrayDependencies {
  let closeToTray = false;
  const loginItem = { enabled: false, note: null as string | null };
  return {
    revealRow: vi.fn(),
    showWindow: vi.fn(),
    toggleWindow: vi.fn(),
    quit: vi.fn(),
    isWindowVisible: () => visible.value,
    closeToTray: () => closeToTray,
    setCloseToTray: vi.fn((on: boolean) => (closeToTray = on)),
    startAtLogin: vi.fn(() => ({ ...loginItem })),
    setStartAtLogin: vi.fn((on: boolean) => (loginItem.enabled = on)),
    toggleOnClick,
    snapshots,
  };
}

const vite = makeRow({ id: 'vite', localPort: 5173, pids: [4242] });
const client = makeRow({
  pids: [4242],
  id: 'client',
  localPort: 41000,
  state: 'ESTABLISHED',
  remoteAddress: '127.0.0.1',
  remotePort: 5173,
});

describe('TrayController (stub tray)', () => {
  it('shows the listening ports and counts, rebuilding the menu only when the set changes', () => {
    const host = stubTray();
    const live = liveSource();
    const tray = new TrayController(() => host, deps(undefined, live));
    expect(host.menus).toHaveLength(1);

    const s1 = makeSnapshot(1, [vite], [node]);
    live.show(s1);
    expect(tray.labels()).toContain('5173 · node');
    expect(host.menus).toHaveLength(2);
    expect(tray.tooltipText()).toBe('PortLens — 1 listening, 1 socket');

    const s2 = makeSnapshot(2, [vite, client], [node]);
    live.apply(diffSnapshots(s1, s2));
    expect(host.menus).toHaveLength(2); // a new connection is not a new listening port
    expect(host.tooltips.at(-1)).toBe('PortLens — 1 listening, 2 sockets');

    const s3 = makeSnapshot(
      3,
      [vite, client, makeRow({ id: 'py', localPort: 8000, pids: [31] })],
      [node, makeProcess({ pid: 31, name: 'python3' })],
    );
    live.apply(diffSnapshots(s2, s3));
    expect(host.menus).toHaveLength(3);
    expect(menuLabels(host.menus.at(-1)!)).toContain('8000 · python3');
  });

  it('shows the snapshot the monitor already has when it is made', () => {
    const live = liveSource();
    live.show(makeSnapshot(1, [vite], [node]));
    const tray = new TrayController(stubTray, deps(undefined, live));
    expect(tray.labels()).toContain('5173 · node');
    expect(tray.tooltipText()).toBe('PortLens — 1 listening, 1 socket');
  });

  it('clicking a port reveals its row', () => {
    const live = liveSource();
    const d = deps(undefined, live);
    const tray = new TrayController(stubTray, d);
    live.show(makeSnapshot(1, [vite], [node]));
    expect(tray.clickItem('5173 · node')).toBe(true);
    expect(d.revealRow).toHaveBeenCalledWith('vite');
    expect(tray.clickItem('no such item')).toBe(false);
  });

  it('pauses notifications for the session from its checkbox', () => {
    const host = stubTray();
    const tray = new TrayController(() => host, deps());
    expect(tray.clickItem('Pause notifications')).toBe(true);
    expect(tray.notificationsPaused).toBe(true);
    expect(host.menus.at(-1)?.find((item) => item.label === 'Pause notifications')?.checked).toBe(true);
    expect(tray.tooltipText()).toMatch(/paused/);
    tray.clickItem('Pause notifications');
    expect(tray.notificationsPaused).toBe(false);
  });

  it('follows the window: Show when hidden, Hide when shown; an icon click toggles it', () => {
    const visible = { value: false };
    const d = deps(visible);
    const host = stubTray();
    const tray = new TrayController(() => host, d);
    expect(tray.labels()).toContain('Show PortLens');
    visible.value = true;
    tray.windowVisibilityChanged();
    expect(tray.labels()).toContain('Hide PortLens');
    host.click?.();
    expect(d.toggleWindow).toHaveBeenCalled();
  });

  it('does not toggle the window on an icon click on macOS, where the click also opens the menu', () => {
    expect(trayClickToggles('darwin')).toBe(false);
    expect(trayClickToggles('win32')).toBe(true);
    const d = deps({ value: true }, liveSource(), trayClickToggles('darwin'));
    const host = stubTray();
    new TrayController(() => host, d);
    expect(host.click).toBeUndefined();
    expect(d.toggleWindow).not.toHaveBeenCalled();
  });

  it('"Close to tray" shows the preference and changes it', () => {
    const d = deps();
    const host = stubTray();
    const tray = new TrayController(() => host, d);
    const item = () => host.menus.at(-1)?.find((entry) => entry.label === 'Close to tray');
    expect(item()).toMatchObject({ type: 'checkbox', checked: false });
    expect(tray.clickItem('Close to tray')).toBe(true);
    expect(d.setCloseToTray).toHaveBeenCalledWith(true);
    expect(item()?.checked).toBe(true);
  });

  it('"Start at login" is read from the platform at each menu build and changed through it', () => {
    const visible = { value: true };
    const d = deps(visible);
    const host = stubTray();
    const tray = new TrayController(() => host, d);
    const item = () => host.menus.at(-1)?.find((entry) => entry.label === 'Start at login');
    expect(item()).toMatchObject({ type: 'checkbox', checked: false });
    expect(tray.clickItem('Start at login')).toBe(true);
    expect(d.setStartAtLogin).toHaveBeenCalledWith(true);
    expect(item()?.checked).toBe(true);
    // Switched off elsewhere (System Settings, Task Manager, the desktop): the next menu says so.
    vi.mocked(d.startAtLogin).mockReturnValue({ enabled: false, note: null });
    visible.value = false;
    tray.windowVisibilityChanged();
    expect(item()?.checked).toBe(false);
  });

  it('stops following the monitor and removes its icon when disposed', () => {
    const host = stubTray();
    const live = liveSource();
    const tray = new TrayController(() => host, deps(undefined, live));
    expect(live.listeners()).toBe(1);
    tray.dispose();
    tray.dispose();
    expect(live.listeners()).toBe(0);
    expect(host.destroy).toHaveBeenCalledTimes(1);
    live.show(makeSnapshot(1, [vite], [node]));
    expect(host.menus).toHaveLength(1);
  });
});
