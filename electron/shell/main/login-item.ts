/**
 * "Start at login" through each platform's own mechanism. What the tray shows is read from the
 * platform every time (Electron's getLoginItemSettings, the autostart file's presence), never
 * from a flag of ours: the person can also change it in System Settings, Task Manager or their
 * desktop's startup settings, and the menu must say what will really happen at the next login.
 *
 * - macOS: `app.setLoginItemSettings({ openAtLogin })`. On macOS 13+ Electron registers the app
 *   itself with SMAppService (`type: 'mainAppService'`, the default); it is then listed, and can be
 *   switched off, in System Settings → General → Login Items, and macOS may hold it until the
 *   person approves it there (status `requires-approval`). Older macOS uses the login items list.
 * - Windows: a Run value under HKCU (named by the AppUserModelId), pointing at `path` with `args`;
 *   the same path and args must be given to getLoginItemSettings. Task Manager's Startup apps can
 *   switch it off (executableWillLaunchAtLogin is then false). The uninstaller removes it.
 * - Linux: an XDG autostart entry (xdg-autostart.ts).
 *
 * Only types come from electron: the caller passes `app`, so this runs under the stand-in too.
 */
import type { App } from 'electron';
import { posix, win32 } from 'node:path';
import { autostartDirectory, XdgAutostart, type AutostartState } from './xdg-autostart.js';

/** Whether PortLens starts at login, as the platform says now. */
export interface LoginItemStatus {
  enabled: boolean;
  /** What the person needs to know or do about it (shown under the checkbox), or null. */
  note: string | null;
}

/** The platform's "start at login" for PortLens. */
export interface LoginItem {
  status(): LoginItemStatus;
  /** Turns it on or off and returns the state that results; throws, with a message to show, when it cannot. */
  set(on: boolean): LoginItemStatus;
}

/** The parts of Electron's `app` used here. */
export type LoginItemApp = Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>;

/** Where this PortLens runs from. */
export interface LaunchContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  /** process.execPath: the installed executable, or Electron's binary when run from the sources. */
  execPath: string;
  /** app.isPackaged. */
  packaged: boolean;
  /** app.getAppPath(): the sources' directory, which Electron's binary needs as its argument. */
  appPath: string;
}

/**
 * The command that starts this PortLens again: the AppImage itself (not its temporary mount), the
 * portable .exe itself (not its temporary extraction), the installed executable, or Electron with
 * the sources' directory.
 */
export function launchCommand(context: LaunchContext): string[] {
  if (!context.packaged) return [context.execPath, context.appPath];
  const windows = context.platform === 'win32';
  const wrapper = windows ? context.env.PORTABLE_EXECUTABLE_FILE : context.env.APPIMAGE;
  const absolute = wrapper !== undefined && (windows ? win32 : posix).isAbsolute(wrapper);
  // APPIMAGE is inherited by everything an AppImage starts: a PortLens installed from the .deb,
  // started from another AppImage's terminal, must not name that AppImage. Ours runs from the
  // mount the runtime names in APPDIR.
  const ours = windows || insideDir(context.execPath, context.env.APPDIR);
  return [absolute && ours ? wrapper : context.execPath];
}

/** True when `file` lies inside the absolute directory `dir`. */
function insideDir(file: string, dir: string | undefined): boolean {
  if (dir === undefined || !posix.isAbsolute(dir)) return false;
  const relative = posix.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !posix.isAbsolute(relative);
}

/** The platform's login item, or null where PortLens knows none. */
export function createLoginItem(app: LoginItemApp, context: LaunchContext): LoginItem | null {
  if (context.platform === 'darwin') return macLoginItem(app);
  if (context.platform === 'win32') return windowsLoginItem(app, launchCommand(context));
  if (context.platform === 'linux') {
    const autostart = new XdgAutostart(autostartDirectory(context.env, context.home), {
      fileName: 'portlens.desktop',
      name: 'PortLens',
      comment: 'See every port on this machine, who owns it, and free it',
      argv: launchCommand(context),
    });
    // A new AppImage replacing an older one at login: only for installed builds, so that running
    // from the sources never points the person's login at a checkout.
    if (context.packaged) refreshQuietly(autostart);
    return xdgLoginItem(autostart);
  }
  return null;
}

function macLoginItem(app: LoginItemApp): LoginItem {
  const status = (): LoginItemStatus => {
    const settings = app.getLoginItemSettings();
    if (settings.status === 'requires-approval')
      return { enabled: true, note: 'Allow PortLens in System Settings → Login Items' };
    if (settings.status === 'not-found')
      return { enabled: false, note: 'macOS cannot find PortLens: move it to Applications' };
    return { enabled: settings.openAtLogin || settings.status === 'enabled', note: null };
  };
  return {
    status,
    set(on) {
      app.setLoginItemSettings({ openAtLogin: on });
      return status();
    },
  };
}

function windowsLoginItem(app: LoginItemApp, command: string[]): LoginItem {
  const [path, ...rest] = command;
  // Electron joins args into the Run value's command line: paths are quoted (Electron's docs).
  const args = rest.map((arg) => `"${arg}"`);
  const status = (): LoginItemStatus => {
    const settings = app.getLoginItemSettings({ path, args });
    if (settings.openAtLogin && !settings.executableWillLaunchAtLogin)
      return { enabled: false, note: 'Turned off in Task Manager → Startup apps' };
    return { enabled: settings.openAtLogin, note: null };
  };
  return {
    status,
    set(on) {
      // enabled: true also clears a "disabled" left by Task Manager, so checking it means it.
      app.setLoginItemSettings({ openAtLogin: on, path, args, enabled: true });
      return status();
    },
  };
}

function xdgLoginItem(autostart: XdgAutostart): LoginItem {
  const fromState = (state: AutostartState): LoginItemStatus =>
    state.kind === 'foreign'
      ? { enabled: state.enabled, note: `Set up outside PortLens (${autostart.file})` }
      : { enabled: state.kind === 'ours' && state.enabled, note: null };
  return {
    status() {
      try {
        return fromState(autostart.read());
      } catch (error) {
        return { enabled: false, note: `Cannot read ${autostart.file}: ${(error as Error).message}` };
      }
    },
    set: (on) => fromState(on ? autostart.enable() : autostart.disable()),
  };
}

function refreshQuietly(autostart: XdgAutostart): void {
  try {
    autostart.refresh();
  } catch (error) {
    console.warn(`PortLens: could not update ${autostart.file}: ${(error as Error).message}`);
  }
}
