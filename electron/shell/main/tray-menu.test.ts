import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ListeningPort } from './listening-ports.js';
import {
  menuLabels,
  portLabel,
  TRAY_PORT_LIMIT,
  trayMenuTemplate,
  trayTooltip,
  type TrayMenuActions,
} from './tray-menu.js';

const actions = (): TrayMenuActions => ({
  revealRow: vi.fn(),
  showWindow: vi.fn(),
  toggleWindow: vi.fn(),
  setNotificationsPaused: vi.fn(),
  setCloseToTray: vi.fn(),
  setStartAtLogin: vi.fn(),
  quit: vi.fn(),
});
const port = (n: number, owner: string | null = 'node', protocol: 'tcp' | 'udp' = 'tcp'): ListeningPort => ({
  rowId: `row-${n}`,
  port: n,
  protocol,
  owner,
});
const click = (item: MenuItemConstructorOptions | undefined, checked = false): void => {
  (item?.click as unknown as (menuItem: { checked: boolean }) => void)({ checked });
};

describe('portLabel', () => {
  it('reads "port · process"', () => {
    expect(portLabel(port(5173))).toBe('5173 · node');
    expect(portLabel(port(5353, 'avahi-daemon', 'udp'))).toBe('5353/udp · avahi-daemon');
    expect(portLabel(port(22, null))).toBe('22 · unknown owner');
  });
});

describe('trayMenuTemplate', () => {
  it('lists ports, Show/Hide, Pause notifications, Close to tray, Start at login and Quit', () => {
    const template = trayMenuTemplate(
      {
        ports: [port(3000), port(5173)],
        windowVisible: false,
        notificationsPaused: false,
        closeToTray: false,
        startAtLogin: { enabled: false, note: null },
      },
      actions(),
    );
    expect(menuLabels(template)).toEqual([
      'Listening ports',
      '3000 · node',
      '5173 · node',
      '—',
      'Show PortLens',
      'Pause notifications',
      'Close to tray',
      'Start at login',
      '—',
      'Quit PortLens',
    ]);
    expect(template.find((item) => item.label === 'Pause notifications')).toMatchObject({
      type: 'checkbox',
      checked: false,
    });
  });

  it('shows the first ports and "and N more"', () => {
    const ports = Array.from({ length: TRAY_PORT_LIMIT + 4 }, (_, i) => port(1000 + i));
    const labels = menuLabels(
      trayMenuTemplate(
        { ports, windowVisible: true, notificationsPaused: true, closeToTray: true, startAtLogin: null },
        actions(),
      ),
    );
    expect(labels.filter((label) => label.includes(' · '))).toHaveLength(TRAY_PORT_LIMIT);
    expect(labels).toContain('and 4 more…');
    expect(labels).toContain('Hide PortLens');
  });

  it('"Start at login": a checkbox with the platform\'s state, a line under it when the platform needs something, none without the setting', () => {
    const state = (startAtLogin: { enabled: boolean; note: string | null } | null) => ({
      ports: [],
      windowVisible: true,
      notificationsPaused: false,
      closeToTray: true,
      startAtLogin,
    });
    const on = trayMenuTemplate(state({ enabled: true, note: null }), actions());
    expect(on.find((item) => item.label === 'Start at login')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
    const note = 'Allow PortLens in System Settings → Login Items';
    const held = menuLabels(trayMenuTemplate(state({ enabled: true, note }), actions()));
    expect(held.slice(held.indexOf('Start at login'), held.indexOf('Start at login') + 2)).toEqual([
      'Start at login',
      note,
    ]);
    expect(
      trayMenuTemplate(state({ enabled: true, note }), actions()).find((i) => i.label === note),
    ).toMatchObject({
      enabled: false,
    });
    expect(menuLabels(trayMenuTemplate(state(null), actions()))).not.toContain('Start at login');
  });

  it('says when nothing listens', () => {
    const template = trayMenuTemplate(
      { ports: [], windowVisible: false, notificationsPaused: false, closeToTray: false, startAtLogin: null },
      actions(),
    );
    expect(template[1]).toMatchObject({ label: 'No listening ports', enabled: false });
  });

  it('wires each item to its action', () => {
    const spy = actions();
    const template = trayMenuTemplate(
      {
        ports: [port(5173), ...Array.from({ length: TRAY_PORT_LIMIT }, (_, i) => port(i + 1))],
        windowVisible: false,
        notificationsPaused: false,
        closeToTray: false,
        startAtLogin: { enabled: true, note: null },
      },
      spy,
    );
    click(template.find((item) => item.label === '5173 · node'));
    expect(spy.revealRow).toHaveBeenCalledWith('row-5173');
    click(template.find((item) => item.label?.startsWith('and ')));
    expect(spy.showWindow).toHaveBeenCalled();
    click(template.find((item) => item.label === 'Show PortLens'));
    expect(spy.toggleWindow).toHaveBeenCalled();
    click(
      template.find((item) => item.label === 'Pause notifications'),
      true,
    );
    expect(spy.setNotificationsPaused).toHaveBeenCalledWith(true);
    click(
      template.find((item) => item.label === 'Close to tray'),
      true,
    );
    expect(spy.setCloseToTray).toHaveBeenCalledWith(true);
    click(template.find((item) => item.label === 'Start at login'));
    expect(spy.setStartAtLogin).toHaveBeenCalledWith(false);
    click(template.find((item) => item.label === 'Quit PortLens'));
    expect(spy.quit).toHaveBeenCalled();
  });
});

describe('trayTooltip', () => {
  it('gives counts and notes a pause', () => {
    expect(trayTooltip({ listening: 42, sockets: 310 }, false)).toBe('PortLens — 42 listening, 310 sockets');
    expect(trayTooltip({ listening: 1, sockets: 1 }, true)).toBe(
      'PortLens — 1 listening, 1 socket (notifications paused)',
    );
  });
});
