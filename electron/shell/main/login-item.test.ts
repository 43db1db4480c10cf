import { describe, expect, it } from 'vitest';
import { launchCommand, type LaunchContext } from './login-item.js';

const context = (overrides: Partial<LaunchContext>): LaunchContext => ({
  platform: 'linux',
  env: {},
  home: '/home/a',
  execPath: '/opt/PortLens/portlens',
  packaged: true,
  appPath: '/opt/PortLens/resources/app.asar',
  ...overrides,
});

describe('launchCommand (what starts this PortLens at login)', () => {
  it('Linux: the AppImage itself, not its temporary mount; the installed executable otherwise', () => {
    const mounted = '/tmp/.mount_PortLeXyz/portlens';
    expect(
      launchCommand(
        context({
          execPath: mounted,
          env: { APPIMAGE: '/home/a/Apps/PortLens.AppImage', APPDIR: '/tmp/.mount_PortLeXyz' },
        }),
      ),
    ).toEqual(['/home/a/Apps/PortLens.AppImage']);
    // APPIMAGE inherited from another AppImage (a terminal started from it): not ours.
    expect(
      launchCommand(
        context({ env: { APPIMAGE: '/home/a/Apps/Editor.AppImage', APPDIR: '/tmp/.mount_EditorAb' } }),
      ),
    ).toEqual(['/opt/PortLens/portlens']);
    expect(launchCommand(context({}))).toEqual(['/opt/PortLens/portlens']);
    // A relative APPIMAGE (not set by the AppImage runtime) is not trusted.
    expect(launchCommand(context({ env: { APPIMAGE: 'PortLens.AppImage' } }))).toEqual([
      '/opt/PortLens/portlens',
    ]);
  });

  it('Windows: the portable .exe itself, not its temporary extraction; the NSIS install otherwise', () => {
    const win = {
      platform: 'win32' as const,
      execPath: 'C:\\Users\\a\\AppData\\Local\\Programs\\PortLens\\PortLens.exe',
    };
    expect(launchCommand(context(win))).toEqual([win.execPath]);
    const portable = 'D:\\Tools\\PortLens 0.1.0.exe';
    expect(
      launchCommand(
        context({
          ...win,
          execPath: 'C:\\Users\\a\\AppData\\Local\\Temp\\2x\\PortLens.exe',
          env: { PORTABLE_EXECUTABLE_FILE: portable },
        }),
      ),
    ).toEqual([portable]);
    // The AppImage variable means nothing on Windows.
    expect(launchCommand(context({ ...win, env: { APPIMAGE: '/x.AppImage' } }))).toEqual([win.execPath]);
  });

  it("from the sources: Electron's binary with the app's directory", () => {
    expect(
      launchCommand(
        context({ packaged: false, execPath: '/src/node_modules/electron/dist/electron', appPath: '/src' }),
      ),
    ).toEqual(['/src/node_modules/electron/dist/electron', '/src']);
  });
});
