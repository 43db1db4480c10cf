// The Electron shell's protections, seen from the running app: secure webPreferences, no Node in
// the page, a minimal window.portlens, validated IPC, no new windows or navigation, the CSP on
// app://, and one instance per user. Skipped (with the reason printed) where Electron cannot run.
import { spawn } from 'node:child_process';
import type { WebPreferences } from 'electron';
import { CALL_NAMES } from '../../electron/contract/api.js';
import {
  appEnvironment,
  electronAvailable,
  electronExecutable,
  expect,
  launchArgs,
  ROOT,
  skipReason,
  test,
  type PageGlobals,
} from './electron-app.js';

test.skip(!electronAvailable, skipReason);

test.describe('Electron shell security', () => {
  test('the window runs isolated, sandboxed, without Node or <webview>', async ({ portlensApp }) => {
    const preferences = await portlensApp.electron.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences(): WebPreferences;
      };
      const p = contents.getLastWebPreferences();
      return {
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        webviewTag: p.webviewTag,
        webSecurity: p.webSecurity,
      };
    });
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    // getLastWebPreferences() does not report the preload: its work is seen in the page instead.
    const page = await portlensApp.window.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return { portlens: typeof g.portlens, require: typeof g.require, process: typeof g.process };
    });
    expect(page).toEqual({ portlens: 'object', require: 'undefined', process: 'undefined' });
    expect(portlensApp.window.url()).toBe('app://portlens/index.html');
  });

  test('the page has no Node, and window.portlens is exactly the contract', async ({ portlensApp }) => {
    const page = await portlensApp.window.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        keys: Object.keys(g.portlens).sort(),
        transport: g.portlens.transport,
      };
    });
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      keys: [...CALL_NAMES, 'subscribe', 'transport'].sort(),
      transport: 'electron',
    });
  });

  test('IPC requests are validated in main: malformed ones get a typed error', async ({ portlensApp }) => {
    const results = await portlensApp.window.evaluate(async () => {
      const api = (globalThis as unknown as PageGlobals).portlens as unknown as Record<
        string,
        (request: unknown) => Promise<unknown>
      >;
      return {
        badPid: await api.getProcess!({ pid: -1 }),
        extraField: await api.getSettings!({ sneaky: true }),
        notAnObject: await api.kill!('kill everything'),
      };
    });
    for (const result of Object.values(results))
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  test('openExternal refuses anything but loopback http(s)', async ({ portlensApp }) => {
    const results = await portlensApp.window.evaluate(async () => {
      const { portlens } = globalThis as unknown as PageGlobals;
      return Promise.all(
        ['file:///etc/passwd', 'https://example.invalid/', 'javascript:alert(1)'].map((url) =>
          portlens.openExternal({ url }),
        ),
      );
    });
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  test('window.open is denied and navigation away is blocked', async ({ portlensApp }) => {
    const opened = await portlensApp.window.evaluate(
      () => (globalThis as unknown as PageGlobals).open('https://example.invalid/') === null,
    );
    expect(opened).toBe(true);
    await portlensApp.window.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.invalid/';
    });
    // Give a (wrongly allowed) navigation time to start, then check nothing moved.
    await expect
      .poll(() => portlensApp.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
      .toBe(1);
    expect(portlensApp.window.url()).toBe('app://portlens/index.html');
  });

  test('app:// serves the renderer with the CSP header', async ({ portlensApp }) => {
    const csp = await portlensApp.window.evaluate(async () => {
      const response = await (
        globalThis as unknown as {
          fetch(url: string): Promise<{ headers: { get(name: string): string | null } }>;
        }
      ).fetch('/index.html');
      return response.headers.get('content-security-policy');
    });
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/ws:/);
  });

  test('a second launch exits and brings the first window forward', async ({ portlensApp }) => {
    await portlensApp.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.windowVisible()))
      .toBe(false);
    const second = spawn(electronExecutable() as string, launchArgs(), {
      cwd: ROOT,
      env: appEnvironment(portlensApp.dataDir),
      stdio: 'ignore',
    });
    try {
      const code = await new Promise<number | null>((resolve) =>
        second.once('exit', (exitCode) => resolve(exitCode)),
      );
      expect(code).toBe(0);
    } finally {
      if (second.exitCode === null) second.kill('SIGKILL');
    }
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.windowVisible()))
      .toBe(true);
  });
});
