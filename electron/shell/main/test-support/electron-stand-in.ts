/**
 * A stand-in for the `electron` module, for running the real main bundle (dist/electron/main.cjs)
 * under plain Node where the Electron binary cannot exist. It implements only what the shell
 * uses, keeps Electron's rules that matter to the wiring (privileged schemes only before
 * `ready`, `protocol.handle` only after; quit's before-quit → close windows → will-quit → quit
 * sequence; window-all-closed when the last window closes), records every call in order, and
 * lets the test emit what Electron would (ready, a second launch, an IPC invoke, a window close).
 */
import { EventEmitter } from 'node:events';

/** An event whose default Electron would perform unless prevented. */
export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function preventable(extra: object = {}): PreventableEvent {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** What a stand-in run is configured with. */
export interface StandInOptions {
  /** requestSingleInstanceLock's answer (false: another PortLens holds it). */
  singleInstanceLock: boolean;
  /** When set, `new Tray()` throws this (a desktop where Electron reports no tray). */
  trayError?: string;
  /** `app.isPackaged` (false: run from the sources, as `npm start` and the e2e do). */
  packaged?: boolean;
  /** macOS 13+'s SMAppService status for a registered login item (default `enabled`). */
  loginItemStatus?: 'enabled' | 'requires-approval' | 'not-found';
}

/** A login item as app.setLoginItemSettings registered it. */
interface LoginItemRecord {
  path?: string;
  args?: string[];
}

/** session.setPermissionRequestHandler's handler, as main installs it. */
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type Template = {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}[];

/** A window's webContents as the test sees it. */
export interface StandInWebContents {
  readonly id: number;
  /** Messages main sent to the page, by channel. */
  readonly sent: { channel: string; message: unknown }[];
}

/** A BrowserWindow as the test sees it. */
export interface StandInWindow extends NodeJS.EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents: StandInWebContents;
  isVisible(): boolean;
  isDestroyed(): boolean;
  show(): void;
  hide(): void;
  /** As a person closing the window. */
  close(): void;
}

/** A Tray as the test sees it. */
export interface StandInTray extends NodeJS.EventEmitter {
  readonly image: { template: boolean; representations: number[]; isEmpty(): boolean };
  readonly menu: Template;
  readonly destroyed: boolean;
  clickItem(label: string): void;
}

/** The stand-in module plus what the test reads and drives. */
export interface ElectronStandIn {
  /** What `require('electron')` returns to the bundle. */
  module: {
    app: NodeJS.EventEmitter & {
      quit(): void;
      getPath(name: string): string;
      loginItem: { path?: string; args?: string[] } | null;
    };
    protocol: { handler: ((request: Request) => Promise<Response>) | null };
    session: { defaultSession: { permissionRequest: PermissionRequestHandler | null } };
  };
  calls: string[];
  windows(): StandInWindow[];
  trays: StandInTray[];
  ipcChannels(): string[];
  emitReady(): void;
  invoke(contents: { id: number }, frameUrl: string, channel: string, ...args: unknown[]): Promise<unknown>;
  otherWebContents(): StandInWebContents;
  quitPhase(): 'running' | 'quitting' | 'exited';
}

/** A fresh stand-in (one per load of the bundle). */
export function createElectronStandIn(options: StandInOptions): ElectronStandIn {
  /** Every call that matters to the wiring, in order. */
  const calls: string[] = [];
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  let ready = false;
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  let quitPhase: 'running' | 'quitting' | 'exited' = 'running';
  let nextWebContentsId = 1;

  class WebContentsStandIn extends EventEmitter {
    readonly id = nextWebContentsId++;
    /** Messages main sent to the page, by channel. */
    readonly sent: { channel: string; message: unknown }[] = [];
    destroyed = false;
    send(channel: string, message: unknown): void {
      this.sent.push({ channel, message });
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    setWindowOpenHandler(): void {
      calls.push('webContents.setWindowOpenHandler');
    }
  }

  const windows: BrowserWindowStandIn[] = [];
  class BrowserWindowStandIn extends EventEmitter {
    static getAllWindows(): BrowserWindowStandIn[] {
      return windows.filter((window) => !window.destroyed);
    }
    readonly webContents = new WebContentsStandIn();
    url: string | null = null;
    visible = false;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      calls.push(`window.loadURL ${url}`);
      this.url = url;
      setImmediate(() => this.emit('ready-to-show'));
    }
    show(): void {
      this.visible = true;
      this.emit('show');
    }
    hide(): void {
      this.visible = false;
      this.emit('hide');
    }
    focus(): void {}
    isVisible(): boolean {
      return this.visible;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    isDestroyed(): boolean {
      return this.destroyed;
    }
    /** As a person closing the window: `close` may be prevented; otherwise it is gone. */
    close(): void {
      const event = preventable();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.visible = false;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
      if (quitPhase === 'running' && BrowserWindowStandIn.getAllWindows().length === 0)
        app.emit('window-all-closed');
    }
  }

  const trays: TrayStandIn[] = [];
  class TrayStandIn extends EventEmitter {
    menu: Template = [];
    tooltip = '';
    destroyed = false;
    constructor(readonly image: NativeImageStandIn) {
      super();
      if (options.trayError) throw new Error(options.trayError);
      calls.push('new Tray');
      trays.push(this);
    }
    setContextMenu(menu: { template: Template }): void {
      this.menu = menu.template;
    }
    setToolTip(text: string): void {
      this.tooltip = text;
    }
    destroy(): void {
      calls.push('tray.destroy');
      this.destroyed = true;
    }
    /** Clicks a menu item by its label, as the OS menu would. */
    clickItem(label: string): void {
      const item = this.menu.find((entry) => entry.label === label);
      if (!item?.click) throw new Error(`no menu item ${label}`);
      item.click({ checked: item.type === 'checkbox' ? !item.checked : Boolean(item.checked) });
    }
  }

  class NativeImageStandIn {
    representations: number[] = [];
    template = false;
    constructor(readonly size: number) {}
    addRepresentation(representation: { scaleFactor: number }): void {
      this.representations.push(representation.scaleFactor);
    }
    setTemplateImage(template: boolean): void {
      this.template = template;
    }
    isEmpty(): boolean {
      return this.size === 0;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? false,
    paths: new Map<string, string>(),
    exitCode: null as number | null,
    setPath(name: string, path: string): void {
      if (ready && name === 'userData') throw new Error('userData must be set before ready');
      calls.push(`app.setPath ${name}`);
      app.paths.set(name, path);
    },
    getPath(name: string): string {
      const path = app.paths.get(name);
      if (!path) throw new Error(`stand-in: no path ${name}`);
      return path;
    },
    getVersion: () => '0.0.0-stand-in',
    getAppPath: () => '/stand-in/app',
    loginItem: null as LoginItemRecord | null,
    /** Electron's rule: the item matches only the path and args it was registered with (Windows). */
    getLoginItemSettings(query: LoginItemRecord = {}) {
      const item = app.loginItem;
      const matches =
        item !== null && item.path === query.path && JSON.stringify(item.args) === JSON.stringify(query.args);
      return {
        openAtLogin: matches,
        executableWillLaunchAtLogin: matches,
        status: item === null ? 'not-registered' : (options.loginItemStatus ?? 'enabled'),
      };
    },
    setLoginItemSettings(settings: LoginItemRecord & { openAtLogin?: boolean }): void {
      calls.push(`app.setLoginItemSettings ${JSON.stringify(settings)}`);
      app.loginItem = settings.openAtLogin ? { path: settings.path, args: settings.args } : null;
    },
    requestSingleInstanceLock(): boolean {
      calls.push('app.requestSingleInstanceLock');
      return options.singleInstanceLock;
    },
    whenReady(): Promise<void> {
      calls.push('app.whenReady');
      return readyPromise;
    },
    isReady: () => ready,
    setAppUserModelId(): void {},
    setAboutPanelOptions(): void {},
    /** Electron's quit: before-quit, close every window, will-quit, quit; each may be stopped. */
    quit(): void {
      calls.push('app.quit');
      if (quitPhase === 'exited') return;
      const before = preventable();
      app.emit('before-quit', before);
      if (before.defaultPrevented) return;
      quitPhase = 'quitting';
      for (const window of BrowserWindowStandIn.getAllWindows()) {
        window.close();
        if (!window.destroyed) {
          quitPhase = 'running';
          return;
        }
      }
      const will = preventable();
      app.emit('will-quit', will);
      if (will.defaultPrevented) return;
      quitPhase = 'exited';
      calls.push('exited');
      app.emit('quit');
    },
    exit(code: number): void {
      calls.push(`app.exit ${code}`);
      app.exitCode = code;
      quitPhase = 'exited';
    },
  });

  const module = {
    app,
    BrowserWindow: BrowserWindowStandIn,
    Tray: TrayStandIn,
    Menu: {
      buildFromTemplate: (template: Template) => ({ template }),
      setApplicationMenu: () => calls.push('Menu.setApplicationMenu'),
    },
    nativeImage: {
      createFromBuffer: (buffer: Buffer) => new NativeImageStandIn(buffer.length),
      createEmpty: () => new NativeImageStandIn(0),
    },
    Notification: Object.assign(
      class extends EventEmitter {
        show(): void {
          calls.push('notification.show');
        }
      },
      { isSupported: () => true },
    ),
    dialog: {
      showErrorBox: (title: string, text: string) => calls.push(`dialog.showErrorBox ${title}: ${text}`),
      showMessageBox: async (box: { message: string }) =>
        void calls.push(`dialog.showMessageBox ${box.message}`),
    },
    shell: { openExternal: async (url: string) => void calls.push(`shell.openExternal ${url}`) },
    session: {
      defaultSession: {
        permissionRequest: null as PermissionRequestHandler | null,
        setPermissionRequestHandler(handler: PermissionRequestHandler) {
          calls.push('session.setPermissionRequestHandler');
          module.session.defaultSession.permissionRequest = handler;
        },
        setPermissionCheckHandler: () => calls.push('session.setPermissionCheckHandler'),
        setDevicePermissionHandler: () => calls.push('session.setDevicePermissionHandler'),
      },
    },
    protocol: {
      handler: null as ((request: Request) => Promise<Response>) | null,
      registerSchemesAsPrivileged(schemes: { scheme: string }[]): void {
        // Electron: "can only be used before the app is ready".
        if (ready) throw new Error('registerSchemesAsPrivileged after ready');
        calls.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
        if (!ready) throw new Error('protocol.handle before ready');
        calls.push(`protocol.handle ${scheme}`);
        module.protocol.handler = handler;
      },
    },
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler(channel: string): void {
        handlers.delete(channel);
      },
    },
  };

  return {
    module,
    calls,
    windows: () => BrowserWindowStandIn.getAllWindows(),
    trays,
    ipcChannels: () => [...handlers.keys()],
    /** Electron's `ready`. */
    emitReady(): void {
      calls.push('ready');
      ready = true;
      app.emit('ready');
      resolveReady();
    },
    /**
     * ipcRenderer.invoke as Electron delivers it to ipcMain.handle: from `contents`, whose main
     * frame shows `frameUrl`.
     */
    async invoke(
      contents: { id: number },
      frameUrl: string,
      channel: string,
      ...args: unknown[]
    ): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // Chromium's origin of a standard scheme (Node's URL gives "null" for app://).
      const url = new URL(frameUrl);
      const event = {
        sender: contents,
        senderFrame: { url: frameUrl, origin: `${url.protocol}//${url.host}`, parent: null },
      };
      return handler(event, ...args);
    },
    /** A webContents that is not PortLens's window (another page, a devtools host…). */
    otherWebContents: () => new WebContentsStandIn(),
    quitPhase: () => quitPhase,
  };
}
