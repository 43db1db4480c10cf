/**
 * The Electron shell's entry (bundled to dist/electron/main.cjs). It resolves paths, applies
 * the security policies before any window exists, starts the backend (whose monitor runs in a
 * worker thread), and wires window, IPC bridge, tray and notifications together. Each module
 * names the security checklist item it serves.
 */
import { app, dialog, Menu, session, shell } from 'electron';
import { homedir } from 'node:os';
import { DisposableStore, toDisposable } from '../../contract/events.js';
import { createBackend, type LocalBackend } from '../../core/backend/create-backend.js';
import { dataDir } from '../../core/paths.js';
import { iconImage, trayImage } from './app-icons.js';
import { appMenuTemplate } from './app-menu.js';
import { appPaths } from './app-paths.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { exposeE2EHooks, isE2E } from './e2e-hooks.js';
import { installIpcBridge, streamTarget } from './ipc-bridge.js';
import { createLoginItem } from './login-item.js';
import { MainWindow } from './main-window.js';
import { installNavigationGuards } from './navigation-guard.js';
import { electronNotificationFactory } from './notification-factory.js';
import { applyPermissionPolicy } from './permissions.js';
import { unsupportedPlatformMessage } from './platform-support.js';
import { PortNotifier } from './port-notifier.js';
import { ShellPreferencesStore } from './shell-preferences.js';
import { claimSingleInstance } from './single-instance.js';
import { StreamHub } from './stream-hub.js';
import { TrayController, trayClickToggles, type TrayDependencies } from './tray.js';
import { electronTrayFactory } from './tray-factory.js';
import { unsupportedBackend } from './unsupported-backend.js';

const paths = appPaths(__dirname);
const e2e = isE2E(process.env, app.isPackaged);
// One data directory for the app, browser mode and the CLI (core/paths.ts: $PORTLENS_DATA_DIR
// first). Chromium's profile and the single-instance lock live there too, so a PortLens given
// its own directory (tests run each app so) shares neither settings nor the lock. Before `ready`.
const dataDirectory = dataDir();
app.setPath('userData', dataDirectory);

registerAppScheme();
let quitting = false;
let window: MainWindow | null = null;

if (!claimSingleInstance(() => window?.show())) {
  app.quit();
} else {
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  // Windows shows (and attributes) notifications only for an app with an AppUserModelID; this
  // is the appId of electron-builder.yml, which the installer registers.
  if (process.platform === 'win32') app.setAppUserModelId('dev.portlens.app');
  applyPermissionPolicy(session.defaultSession);
  installNavigationGuards();
  await serveAppProtocol(paths.rendererDir);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform, { devTools: !app.isPackaged || e2e })),
  );
  app.setAboutPanelOptions({ applicationName: 'PortLens', applicationVersion: app.getVersion() });

  const backend = await startBackend();
  const preferences = new ShellPreferencesStore(dataDirectory);
  const streams = new StreamHub(backend);
  let tray: TrayController | null = null;

  const mainWindow = new MainWindow({
    preloadPath: paths.preloadPath,
    icon: process.platform === 'linux' ? iconImage(paths.iconsDir, 256) : undefined,
    // Only with a tray to come back from, and only when the person chose it (off on Linux,
    // where an icon may be invisible: shell-preferences.ts).
    hideOnClose: () => tray !== null && preferences.get().closeToTray,
    isQuitting: () => quitting,
    onVisibilityChange: () => tray?.windowVisibilityChanged(),
  });
  window = mainWindow;
  const revealRow = (rowId: string): void => {
    const contents = mainWindow.get().webContents;
    mainWindow.show();
    streams.deliver(streamTarget(contents), { type: 'reveal', rowId });
  };
  const quit = (): void => {
    quitting = true;
    app.quit();
  };

  const removeBridge = installIpcBridge({
    backend,
    streams,
    trustedWebContentsIds: () =>
      new Set(mainWindow.webContentsId() === null ? [] : [mainWindow.webContentsId() as number]),
    openExternal: (url) => shell.openExternal(url),
  });

  tray = startTray({
    revealRow,
    showWindow: () => mainWindow.show(),
    toggleWindow: () => mainWindow.toggle(),
    quit,
    isWindowVisible: () => mainWindow.isVisible(),
    closeToTray: () => preferences.get().closeToTray,
    setCloseToTray: (on) => preferences.update({ closeToTray: on }),
    ...startAtLoginSetting(),
    toggleOnClick: trayClickToggles(process.platform),
    // The tray reads the monitor's live snapshot in place: no stream, no copy of its own.
    snapshots: backend.live,
  });
  const notifier = new PortNotifier(electronNotificationFactory(iconImage(paths.iconsDir, 256)), {
    isPaused: () => tray?.notificationsPaused ?? false,
    revealRow,
  });
  // What quitting tears down before the backend closes, last set up first.
  const teardown = new DisposableStore();
  teardown.add(toDisposable(removeBridge));
  teardown.add(streams);
  teardown.add(toDisposable(backend.subscribe((message) => notifier.accept(message))));
  if (tray) teardown.add(tray);

  exposeE2EHooks(e2e, {
    trayLabels: () => tray?.labels() ?? [],
    trayTooltip: () => tray?.tooltipText() ?? '',
    clickTrayItem: (label) => tray?.clickItem(label) ?? false,
    notifications: () => notifier.recent(),
    windowVisible: () => mainWindow.isVisible(),
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  // macOS: clicking the Dock icon brings the window back.
  app.on('activate', () => mainWindow.show());
  // The window hides rather than closes when closing to the tray; when it does close, we quit.
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    teardown.dispose();
    // Stop the monitor worker before exiting so no poll runs against a half-torn-down process.
    void backend.close().finally(() => app.quit());
  });

  mainWindow.get();
}

/** The monitor's backend where this OS has collectors; elsewhere one that says it has none. */
async function startBackend(): Promise<LocalBackend> {
  const unsupported = unsupportedPlatformMessage(process.platform);
  if (unsupported) return unsupportedBackend(unsupported);
  const pollIntervalMs =
    e2e && process.env.PORTLENS_POLL_MS ? Number(process.env.PORTLENS_POLL_MS) : undefined;
  return createBackend({ dataDir: dataDirectory, workerPath: paths.workerPath, pollIntervalMs });
}

/** The tray icon, or null on a desktop without one. */
function startTray(deps: TrayDependencies): TrayController | null {
  try {
    return new TrayController(electronTrayFactory(trayImage(paths.iconsDir, process.platform)), deps);
  } catch (error) {
    // No tray on this desktop: closing the window quits instead of hiding it out of reach.
    console.warn(`PortLens: no tray icon (${(error as Error).message}); closing the window will quit.`);
    return null;
  }
}

/** "Start at login" for the tray: the platform's own state, changed through the platform (login-item.ts). */
function startAtLoginSetting(): Pick<TrayDependencies, 'startAtLogin' | 'setStartAtLogin'> {
  const loginItem = createLoginItem(app, {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    execPath: process.execPath,
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
  });
  return {
    startAtLogin: () => loginItem?.status() ?? null,
    setStartAtLogin: (on) => {
      try {
        loginItem?.set(on);
      } catch (error) {
        // The menu is rebuilt from the platform's state next, so the checkbox shows what is true.
        const detail = (error as Error).message;
        console.warn(`PortLens: could not change "Start at login": ${detail}`);
        if (!e2e)
          void dialog.showMessageBox({
            type: 'warning',
            message: 'PortLens could not change "Start at login"',
            detail,
          });
      }
    },
  };
}

function fail(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`PortLens could not start: ${message}`);
  if (!e2e) dialog.showErrorBox('PortLens could not start', message);
  app.exit(1);
}
