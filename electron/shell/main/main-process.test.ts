/**
 * The main process end to end, without the Electron binary: the real built bundle
 * (dist/electron/main.cjs, as `npm run dist` packages it) runs under Node with a stand-in
 * `electron` module that records calls and emits what Electron would. The backend behind it is
 * real: its monitor worker (dist/electron/monitor-worker.mjs) polls this machine's sockets. This
 * catches wiring regressions that the unit tests of single modules cannot, until the Electron
 * e2e runs wherever the binary exists.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, type StreamMessage } from '../../contract/api.js';
import { callChannel, STREAM_CHANNEL, STREAM_START_CHANNEL } from '../../contract/channels.js';
import { createElectronStandIn, type ElectronStandIn } from './test-support/electron-stand-in.js';
import { desktopEntryKeys, execValue } from './xdg-autostart.js';
import { loadMainBundle, type TrackedWorker } from './test-support/load-main-bundle.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const mainPath = join(root, 'dist', 'electron', 'main.cjs');
const ENTRY = 'app://portlens/index.html';

/** One run of the bundle: the stand-in, its data directory and the workers it started. */
interface Run {
  electron: ElectronStandIn;
  dataDir: string;
  /** The run's own XDG_CONFIG_HOME (inside dataDir): Linux's autostart entry goes there. */
  configHome: string;
  workers: TrackedWorker[];
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  for (const file of [
    mainPath,
    join(root, 'dist', 'electron', 'monitor-worker.mjs'),
    join(root, 'dist', 'renderer', 'index.html'),
  ])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` first`);
});

/** Loads the bundle in a fresh data directory (PORTLENS_DATA_DIR), optionally with app.json. */
function start(options: Parameters<typeof createElectronStandIn>[0], appJson?: object, e2e = false): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'portlens-main-'));
  if (appJson) writeFileSync(join(dataDir, 'app.json'), JSON.stringify(appJson));
  const configHome = join(dataDir, 'config');
  const saved = {
    dir: process.env.PORTLENS_DATA_DIR,
    e2e: process.env.PORTLENS_E2E,
    config: process.env.XDG_CONFIG_HOME,
  };
  process.env.PORTLENS_DATA_DIR = dataDir;
  process.env.XDG_CONFIG_HOME = configHome;
  if (e2e) process.env.PORTLENS_E2E = '1';
  else delete process.env.PORTLENS_E2E;
  const electron = createElectronStandIn(options);
  const loaded = loadMainBundle(mainPath, electron.module);
  cleanups.push(async () => {
    // Whatever a failed test left running: quit, and stop any worker still alive.
    if (electron.quitPhase() !== 'exited') electron.module.app.quit();
    await Promise.all(loaded.workers.map((w) => (w.hasExited() ? null : w.worker.terminate())));
    loaded.restore();
    delete globalThis.__portlensE2E;
    for (const [key, value] of [
      ['PORTLENS_DATA_DIR', saved.dir],
      ['PORTLENS_E2E', saved.e2e],
      ['XDG_CONFIG_HOME', saved.config],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { electron, dataDir, configHome, workers: loaded.workers };
}

/** Emits `ready` and waits until the window is created and shown. */
async function ready(run: Run) {
  run.electron.emitReady();
  await until(() => run.electron.windows()[0]?.isVisible() === true, 'the window to show');
  const window = run.electron.windows()[0];
  if (!window) throw new Error('no window');
  return window;
}

/** Polls `condition` (every 20 ms, up to 20 s). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The stream messages main sent to `contents`. */
function streamed(contents: { sent: { channel: string; message: unknown }[] }): StreamMessage[] {
  return contents.sent
    .filter((entry) => entry.channel === STREAM_CHANNEL)
    .map((entry) => entry.message as StreamMessage);
}

/** Poses as `platform` for the rest of the test (the bundle reads process.platform when it runs). */
function pose(platform: NodeJS.Platform): void {
  const real = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  cleanups.push(() => {
    if (real) Object.defineProperty(process, 'platform', real);
  });
}

/** The tray's "Start at login" item and the line under it, if any. */
function startAtLogin(run: Run): { checked: boolean | undefined; note: string | undefined } {
  const menu = run.electron.trays[0]?.menu ?? [];
  const at = menu.findIndex((item) => item.label === 'Start at login');
  if (at === -1) throw new Error('no "Start at login" item');
  const next = menu[at + 1];
  return { checked: menu[at]?.checked, note: next?.type === 'separator' ? undefined : next?.label };
}

/** Quits from the tray as a person would, and waits until the app has exited. */
async function quitFromTray(run: Run): Promise<void> {
  run.electron.trays[0]?.clickItem('Quit PortLens');
  await until(() => run.electron.quitPhase() === 'exited', 'the app to exit');
}

describe('main process (real dist/electron/main.cjs, stand-in electron module)', () => {
  it('starts in order, serves app://, answers its window only, streams snapshots, hides to the tray by choice and quits cleanly', async () => {
    const run = start({ singleInstanceLock: true });
    const { electron } = run;
    // Before ready: the data directory, the privileged scheme, the lock; nothing else yet.
    expect(electron.calls).toEqual([
      'app.setPath userData',
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.whenReady',
    ]);
    expect(electron.module.app.getPath('userData')).toBe(run.dataDir);

    const window = await ready(run);
    const order = electron.calls;
    expect(order.indexOf('session.setPermissionRequestHandler')).toBeGreaterThan(order.indexOf('ready'));
    expect(order.indexOf('protocol.handle app')).toBeGreaterThan(order.indexOf('ready'));
    expect(order.indexOf(`window.loadURL ${ENTRY}`)).toBeGreaterThan(order.indexOf('protocol.handle app'));
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(globalThis.__portlensE2E, 'test hooks stay off without PORTLENS_E2E').toBeUndefined();

    // Permissions: clipboard writes and notifications for our page only; reading the clipboard never.
    const request = electron.module.session.defaultSession.permissionRequest;
    const granted = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) =>
        request?.(window.webContents, permission, resolve, { requestingUrl }),
      );
    expect(await granted('clipboard-sanitized-write', ENTRY)).toBe(true);
    expect(await granted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(await granted('clipboard-read', ENTRY)).toBe(false);

    // app:// serves the renderer with its CSP, and nothing outside it.
    const handler = electron.module.protocol.handler;
    if (!handler) throw new Error('no app:// handler');
    const index = await handler(new Request(ENTRY));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toBe(readFileSync(join(root, 'dist', 'renderer', 'index.html'), 'utf8'));
    for (const path of ['/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json'])
      expect((await handler(new Request(`app://portlens${path}`))).status, path).toBe(404);

    // IPC: every call has a handler; the window's page is answered, anyone else refused.
    expect(electron.ipcChannels()).toEqual(expect.arrayContaining(CALL_NAMES.map(callChannel)));
    const settings = await electron.invoke(window.webContents, ENTRY, callChannel('setSettings'), {
      pollIntervalMs: 1500,
    });
    expect(settings).toMatchObject({ ok: true, value: { pollIntervalMs: 1500 } });
    // …saved in $PORTLENS_DATA_DIR, the one data directory (core/paths.ts).
    expect(JSON.parse(readFileSync(join(run.dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      pollIntervalMs: 1500,
    });
    for (const [contents, url] of [
      [electron.otherWebContents(), ENTRY],
      [window.webContents, 'https://evil.example/'],
    ] as const) {
      expect(await electron.invoke(contents, url, callChannel('getSettings'), {})).toMatchObject({
        ok: false,
        error: { code: 'refused' },
      });
    }
    expect(await electron.invoke(electron.otherWebContents(), ENTRY, STREAM_START_CHANNEL)).toMatchObject({
      ok: false,
    });

    // The worker's first snapshot reaches the window once its page starts the stream.
    expect(await electron.invoke(window.webContents, ENTRY, STREAM_START_CHANNEL)).toEqual({
      ok: true,
      value: {},
    });
    await until(() => streamed(window.webContents).some((m) => m.type === 'snapshot'), 'the first snapshot');
    expect(run.workers).toHaveLength(1);
    expect(run.workers[0]?.worker.threadId).toBeGreaterThan(0);

    // A second launch brings the window back.
    window.hide();
    electron.module.app.emit('second-instance');
    expect(window.isVisible()).toBe(true);

    // "Close to tray" (off by default on Linux), turned on from the tray: closing hides.
    const tray = electron.trays[0];
    expect(tray?.menu.find((item) => item.label === 'Close to tray')).toMatchObject({ checked: false });
    tray?.clickItem('Close to tray');
    expect(JSON.parse(readFileSync(join(run.dataDir, 'app.json'), 'utf8'))).toEqual({ closeToTray: true });
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    expect(electron.quitPhase()).toBe('running');

    // Quit: the window closes, the tray goes, the IPC handlers are removed, the worker stops.
    await quitFromTray(run);
    expect(window.isDestroyed()).toBe(true);
    expect(tray?.destroyed).toBe(true);
    expect(electron.ipcChannels()).toEqual([]);
    expect(run.workers.every((w) => w.hasExited())).toBe(true);
  });

  it('PORTLENS_E2E=1 turns the test hooks on from the sources, never in a packaged app', async () => {
    for (const packaged of [false, true]) {
      const run = start({ singleInstanceLock: true, packaged }, undefined, true);
      await ready(run);
      expect(globalThis.__portlensE2E !== undefined, `packaged: ${packaged}`).toBe(!packaged);
      await quitFromTray(run);
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    }
  });

  it('a second launch (the single-instance lock is held) quits before ready and opens nothing', async () => {
    const run = start({ singleInstanceLock: false });
    expect(run.electron.calls).toEqual([
      'app.setPath userData',
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.quit',
      'exited',
    ]);
    expect(run.electron.windows()).toHaveLength(0);
    expect(run.workers).toHaveLength(0);
  });

  it('with a tray but "close to tray" off (the Linux default), closing the window quits and stops the worker', async () => {
    const run = start({ singleInstanceLock: true });
    const window = await ready(run);
    await until(() => run.workers.length === 1, 'the monitor worker');
    window.close();
    await until(() => run.electron.quitPhase() === 'exited', 'the app to exit');
    await run.workers[0]?.exited;
    expect(run.electron.trays[0]?.destroyed).toBe(true);
  });

  it('on a platform without collectors (FreeBSD, posed), says so through the contract and starts no worker', async () => {
    pose('freebsd');
    const run = start({ singleInstanceLock: true });
    const window = await ready(run);
    expect(await run.electron.invoke(window.webContents, ENTRY, STREAM_START_CHANNEL)).toEqual({
      ok: true,
      value: {},
    });
    const unsupported = { code: 'unsupported', message: expect.stringMatching(/does not support freebsd yet: this version lists ports on Linux, macOS and Windows/) };
    expect(streamed(window.webContents)).toEqual([
      { type: 'error', error: expect.objectContaining(unsupported) },
    ]);
    expect(
      await run.electron.invoke(window.webContents, ENTRY, callChannel('getSnapshot'), {}),
    ).toMatchObject({
      ok: false,
      error: unsupported,
    });
    expect(run.workers).toHaveLength(0);
    await quitFromTray(run);
    expect(window.isDestroyed()).toBe(true);
  });

  it('on macOS (posed): the monitor starts, and the tray is a template image that opens its menu on click', async () => {
    pose('darwin');
    const run = start({ singleInstanceLock: true });
    const window = await ready(run);
    await until(() => run.workers.length === 1, 'the monitor worker');
    // The macOS tray: a template image (1x and 2x), and no click handler (the click opens the menu).
    const tray = run.electron.trays[0];
    expect(tray?.image).toMatchObject({ template: true, representations: [2] });
    expect(tray?.image.isEmpty()).toBe(false);
    expect(tray?.listenerCount('click')).toBe(0);
    // Close to tray is on by default there.
    window.close();
    expect(window.isDestroyed()).toBe(false);
    await quitFromTray(run);
    expect(window.isDestroyed()).toBe(true);
  });

  it('without a tray, closing the window quits even when "close to tray" is on', async () => {
    const run = start({ singleInstanceLock: true, trayError: 'no tray host' }, { closeToTray: true });
    const window = await ready(run);
    expect(run.electron.trays).toHaveLength(0);
    window.close();
    await until(() => run.electron.quitPhase() === 'exited', 'the app to exit');
    expect(window.isDestroyed()).toBe(true);
    await until(() => run.workers.every((w) => w.hasExited()), 'the worker to stop');
  });

  // The real file needs the real platform: posing as Linux elsewhere would start Linux's collectors.
  it.skipIf(process.platform !== 'linux')(
    'Linux: "Start at login" (stand-in electron, real XDG autostart file) writes, shows and removes $XDG_CONFIG_HOME/autostart/portlens.desktop',
    async () => {
      const run = start({ singleInstanceLock: true });
      const window = await ready(run);
      const autostartDir = join(run.configHome, 'autostart');
      const file = join(autostartDir, 'portlens.desktop');
      expect(startAtLogin(run)).toEqual({ checked: false, note: undefined });

      run.electron.trays[0]?.clickItem('Start at login');
      // From the sources: Electron's binary with the app's directory, quoted per the spec.
      const keys = desktopEntryKeys(readFileSync(file, 'utf8'));
      expect(keys.get('Exec')).toBe(execValue([process.execPath, '/stand-in/app']));
      expect(keys.get('X-GNOME-Autostart-enabled')).toBe('true');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(startAtLogin(run).checked).toBe(true);

      // Removed outside PortLens (the desktop's startup settings): the next menu shows it off.
      rmSync(file);
      window.hide();
      expect(startAtLogin(run).checked).toBe(false);
      run.electron.trays[0]?.clickItem('Start at login');
      expect(existsSync(file)).toBe(true);
      const other = join(autostartDir, 'other.desktop');
      writeFileSync(other, '[Desktop Entry]\nExec=other\n');
      run.electron.trays[0]?.clickItem('Start at login');
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(other, 'utf8')).toBe('[Desktop Entry]\nExec=other\n');

      // Someone else's entry under our name: shown as set up outside PortLens, and never removed.
      writeFileSync(file, '[Desktop Entry]\nExec=/usr/bin/portlens --custom\n');
      window.show();
      expect(startAtLogin(run)).toEqual({ checked: true, note: `Set up outside PortLens (${file})` });
      run.electron.trays[0]?.clickItem('Start at login');
      expect(existsSync(file)).toBe(true);
      expect(startAtLogin(run).checked).toBe(true);
      expect(run.electron.calls).toContain(
        'dialog.showMessageBox PortLens could not change "Start at login"',
      );
      await quitFromTray(run);
    },
  );

  it('macOS (posed, stand-in electron): "Start at login" registers through app.setLoginItemSettings and shows the approval macOS asks for', async () => {
    pose('darwin');
    const run = start({ singleInstanceLock: true, loginItemStatus: 'requires-approval' });
    await ready(run);
    expect(startAtLogin(run)).toEqual({ checked: false, note: undefined });
    run.electron.trays[0]?.clickItem('Start at login');
    // SMAppService's main app (the default type): no path or args on macOS.
    expect(run.electron.calls).toContain('app.setLoginItemSettings {"openAtLogin":true}');
    expect(startAtLogin(run)).toEqual({
      checked: true,
      note: 'Allow PortLens in System Settings → Login Items',
    });
    run.electron.trays[0]?.clickItem('Start at login');
    expect(run.electron.calls).toContain('app.setLoginItemSettings {"openAtLogin":false}');
    expect(startAtLogin(run).checked).toBe(false);
    expect(existsSync(join(run.configHome, 'autostart'))).toBe(false);
    await quitFromTray(run);
  });

  it('Windows (posed, stand-in electron): "Start at login" names the executable to start, the portable .exe itself when packaged so', async () => {
    pose('win32');
    const portable = 'C:\\Users\\a\\Downloads\\PortLens 0.1.0.exe';
    process.env.PORTABLE_EXECUTABLE_FILE = portable;
    cleanups.push(() => void delete process.env.PORTABLE_EXECUTABLE_FILE);
    const run = start({ singleInstanceLock: true, packaged: true });
    await ready(run);
    run.electron.trays[0]?.clickItem('Start at login');
    expect(run.electron.module.app.loginItem).toEqual({ path: portable, args: [] });
    expect(startAtLogin(run)).toEqual({ checked: true, note: undefined });
    run.electron.trays[0]?.clickItem('Start at login');
    expect(run.electron.module.app.loginItem).toBeNull();
    expect(startAtLogin(run).checked).toBe(false);
    await quitFromTray(run);
  });
});
