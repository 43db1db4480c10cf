/**
 * The tray's context menu and tooltip as plain data: a pure builder, unit-tested in Node. The
 * menu is always set (on Linux a click on the icon may never arrive, the menu is all there is).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ListeningPort, PortCounts } from './listening-ports.js';
import type { LoginItemStatus } from './login-item.js';

/** How many ports the menu lists before "and N more". */
export const TRAY_PORT_LIMIT = 15;

/** What the menu shows. */
export interface TrayMenuState {
  ports: readonly ListeningPort[];
  windowVisible: boolean;
  notificationsPaused: boolean;
  /** Closing the window hides it here instead of quitting (shell-preferences.ts). */
  closeToTray: boolean;
  /** "Start at login" as the platform reports it; null where there is no such setting. */
  startAtLogin: LoginItemStatus | null;
}

/** What the menu's items do. */
export interface TrayMenuActions {
  revealRow(rowId: string): void;
  showWindow(): void;
  toggleWindow(): void;
  setNotificationsPaused(paused: boolean): void;
  setCloseToTray(on: boolean): void;
  setStartAtLogin(on: boolean): void;
  quit(): void;
}

/** `5173 · node`, `5353/udp · avahi-daemon`, `22 · unknown owner`. */
export function portLabel(port: ListeningPort): string {
  const where = port.protocol === 'udp' ? `${port.port}/udp` : String(port.port);
  return `${where} · ${port.owner ?? 'unknown owner'}`;
}

/** The context menu template. */
export function trayMenuTemplate(
  state: TrayMenuState,
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  const shown = state.ports.slice(0, TRAY_PORT_LIMIT);
  const hidden = state.ports.length - shown.length;
  const portItems: MenuItemConstructorOptions[] = shown.length
    ? shown.map((port) => ({ label: portLabel(port), click: () => actions.revealRow(port.rowId) }))
    : [{ label: 'No listening ports', enabled: false }];
  if (hidden > 0) {
    portItems.push({ label: `and ${hidden} more…`, click: () => actions.showWindow() });
  }
  return [
    { label: 'Listening ports', enabled: false },
    ...portItems,
    { type: 'separator' },
    { label: state.windowVisible ? 'Hide PortLens' : 'Show PortLens', click: () => actions.toggleWindow() },
    {
      label: 'Pause notifications',
      type: 'checkbox',
      checked: state.notificationsPaused,
      click: (item) => actions.setNotificationsPaused(item.checked),
    },
    {
      label: 'Close to tray',
      type: 'checkbox',
      checked: state.closeToTray,
      click: (item) => actions.setCloseToTray(item.checked),
    },
    ...startAtLoginItems(state.startAtLogin, actions),
    { type: 'separator' },
    { label: 'Quit PortLens', click: () => actions.quit() },
  ];
}

/** The "Start at login" checkbox, and a line under it when the platform needs something said. */
function startAtLoginItems(
  status: LoginItemStatus | null,
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  if (!status) return [];
  const item: MenuItemConstructorOptions = {
    label: 'Start at login',
    type: 'checkbox',
    checked: status.enabled,
    click: (menuItem) => actions.setStartAtLogin(menuItem.checked),
  };
  return status.note ? [item, { label: status.note, enabled: false }] : [item];
}

/** `PortLens — 42 listening, 310 sockets`, noting a pause. */
export function trayTooltip(counts: PortCounts, notificationsPaused: boolean): string {
  const text = `PortLens — ${counts.listening} listening, ${counts.sockets} ${counts.sockets === 1 ? 'socket' : 'sockets'}`;
  return notificationsPaused ? `${text} (notifications paused)` : text;
}

/** The visible labels of a template, in order (separators as "—"): for tests and the e2e hook. */
export function menuLabels(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.map((item) => (item.type === 'separator' ? '—' : (item.label ?? item.role ?? '')));
}
