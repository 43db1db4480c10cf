/**
 * The one PortLens window: secure webPreferences (secure-web-preferences.ts), loaded from
 * app://portlens/, shown when ready. Closing it hides it when `hideOnClose` says so (a tray to
 * come back from, and "close to tray" on), so the tray keeps PortLens running; otherwise it
 * closes and PortLens quits. Quitting (tray, menu, Cmd-Q) always lets it close.
 */
import { BrowserWindow, type NativeImage } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';
import { secureWebPreferences } from './secure-web-preferences.js';

/** How the window is made and what it reports. */
export interface MainWindowOptions {
  preloadPath: string;
  icon: NativeImage | undefined;
  /** Closing hides the window only when there is a tray to bring it back. */
  hideOnClose(): boolean;
  /** True once the app is quitting: then close really closes. */
  isQuitting(): boolean;
  onVisibilityChange(): void;
}

/** Owns the main BrowserWindow (created lazily, re-created if it was destroyed). */
export class MainWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly options: MainWindowOptions) {}

  /** The live window, creating and loading it if needed. */
  get(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const window = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 720,
      minHeight: 420,
      title: 'PortLens',
      show: false,
      icon: this.options.icon,
      backgroundColor: '#111318',
      autoHideMenuBar: false,
      webPreferences: secureWebPreferences(this.options.preloadPath),
    });
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => {
      if (this.options.isQuitting() || !this.options.hideOnClose()) return;
      event.preventDefault();
      window.hide();
    });
    window.on('show', () => this.options.onVisibilityChange());
    window.on('hide', () => this.options.onVisibilityChange());
    window.on('closed', () => {
      this.window = null;
      this.options.onVisibilityChange();
    });
    void window.loadURL(APP_ENTRY_URL);
    this.window = window;
    return window;
  }

  /** The id of the live window's webContents, if any (the IPC sender check trusts only it). */
  webContentsId(): number | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents.id : null;
  }

  isVisible(): boolean {
    return Boolean(this.window && !this.window.isDestroyed() && this.window.isVisible());
  }

  /** Shows, restores and focuses the window. */
  show(): void {
    const window = this.get();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  toggle(): void {
    if (this.isVisible()) this.window?.hide();
    else this.show();
  }
}
