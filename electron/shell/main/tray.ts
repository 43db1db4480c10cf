/**
 * The tray: listening ports, Show/Hide, Pause notifications, Quit, and a tooltip with counts.
 * The OS tray is reached through an injected factory (Signal Desktop's pattern), so this
 * controller runs in Node tests with a recording stub; tray-factory.ts is the Electron one.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { DisposableStore, type Disposable } from '../../contract/events.js';
import type { LiveSnapshotSource, SnapshotView } from '../../core/monitor/monitor-host.js';
import { ListeningPorts } from './listening-ports.js';
import type { LoginItemStatus } from './login-item.js';
import { menuLabels, trayMenuTemplate, trayTooltip, type TrayMenuActions } from './tray-menu.js';

/** The OS tray icon as the controller uses it. */
export interface TrayHost {
  setMenu(template: MenuItemConstructorOptions[]): void;
  setToolTip(text: string): void;
  /** Left click where the platform reports it (Windows, macOS without a menu; not Linux). */
  onClick(handler: () => void): void;
  destroy(): void;
}

/** Makes the tray icon; called once. */
export type TrayFactory = () => TrayHost;

/**
 * Whether a left click on the icon toggles the window. Not on macOS: there (Electron 41) a
 * click on an icon with a menu fires `click` and opens the menu, so a toggle would hide the
 * window while the menu offers "Hide PortLens". Linux never reports the click.
 */
export function trayClickToggles(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/** What the tray needs from the rest of the shell. */
export interface TrayDependencies extends Omit<TrayMenuActions, 'setNotificationsPaused'> {
  isWindowVisible(): boolean;
  /** The "close to tray" preference, as the menu's checkbox shows it. */
  closeToTray(): boolean;
  /** "Start at login" as the platform reports it now (read at each menu build), or null. */
  startAtLogin(): LoginItemStatus | null;
  /** trayClickToggles(process.platform). */
  toggleOnClick: boolean;
  /** The monitor's live snapshot, read in place: the tray keeps no copy of its own. */
  snapshots: LiveSnapshotSource;
}

/** Owns the tray icon and keeps its menu and tooltip current. */
export class TrayController implements Disposable {
  private readonly host: TrayHost;
  private readonly ports = new ListeningPorts();
  private readonly disposables = new DisposableStore();
  private paused = false;
  private tooltip = '';
  private template: MenuItemConstructorOptions[] = [];
  private windowVisible: boolean;

  constructor(
    factory: TrayFactory,
    private readonly deps: TrayDependencies,
  ) {
    this.host = factory();
    this.windowVisible = deps.isWindowVisible();
    if (deps.toggleOnClick) this.host.onClick(() => deps.toggleWindow());
    this.ports.refresh(deps.snapshots.view());
    this.rebuildMenu();
    this.refreshTooltip();
    this.disposables.add(deps.snapshots.onDidChange((view) => this.update(view)));
  }

  /** Session-only: pausing is not a setting, it ends when PortLens quits. */
  get notificationsPaused(): boolean {
    return this.paused;
  }

  setNotificationsPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.rebuildMenu();
    this.refreshTooltip();
  }

  /** The window was shown or hidden: the Show/Hide item follows. */
  windowVisibilityChanged(): void {
    const visible = this.deps.isWindowVisible();
    if (visible === this.windowVisible) return;
    this.windowVisible = visible;
    this.rebuildMenu();
  }

  /** The labels of the menu last given to the OS (e2e and tests read this). */
  labels(): string[] {
    return menuLabels(this.template);
  }

  /** The current tooltip text. */
  tooltipText(): string {
    return this.tooltip;
  }

  /** Runs a menu item's click by label, as a person would (e2e only; Linux trays cannot be clicked by tests). */
  clickItem(label: string): boolean {
    const item = this.template.find((entry) => entry.label === label);
    if (!item?.click) return false;
    const checked = item.type === 'checkbox' ? !item.checked : Boolean(item.checked);
    // Electron passes the MenuItem (with its checkbox already toggled); only `checked` is read.
    (item.click as (menuItem: { checked: boolean }) => void)({ checked });
    return true;
  }

  /** Stops following the monitor and removes the icon. */
  dispose(): void {
    if (this.disposables.isDisposed) return;
    this.disposables.dispose();
    this.host.destroy();
  }

  /** The snapshot changed; the menu is rebuilt only when the listening set did. */
  private update(view: SnapshotView): void {
    if (this.ports.refresh(view)) this.rebuildMenu();
    this.refreshTooltip();
  }

  private rebuildMenu(): void {
    this.template = trayMenuTemplate(
      {
        ports: this.ports.list(),
        windowVisible: this.windowVisible,
        notificationsPaused: this.paused,
        closeToTray: this.deps.closeToTray(),
        startAtLogin: this.deps.startAtLogin(),
      },
      {
        ...this.deps,
        setNotificationsPaused: (paused) => this.setNotificationsPaused(paused),
        setCloseToTray: (on) => {
          this.deps.setCloseToTray(on);
          this.rebuildMenu();
        },
        setStartAtLogin: (on) => {
          this.deps.setStartAtLogin(on);
          this.rebuildMenu();
        },
      },
    );
    this.host.setMenu(this.template);
  }

  private refreshTooltip(): void {
    const text = trayTooltip(this.ports.counts(), this.paused);
    if (text === this.tooltip) return;
    this.tooltip = text;
    this.host.setToolTip(text);
  }
}
