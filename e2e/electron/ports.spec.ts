// The desktop app end to end with real servers: a port that opens shows up through the preload
// bridge, in the tray and as a native notification; the tray reveals its row; kill frees it;
// with "Close to tray" on, closing the window hides it to the tray. Skipped (with the reason
// printed) where Electron cannot run. OS popups and tray menus cannot be driven by a test: the main process's test
// hooks report what it handed the OS, and click tray items as the OS would.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamMessage } from '../../electron/contract/api.js';
import type { Snapshot } from '../../electron/contract/model.js';
import { startHttpServer, type HttpServerChild } from '../support/http-servers.js';
import { electronAvailable, expect, skipReason, test, type PageGlobals } from './electron-app.js';

test.skip(!electronAvailable, skipReason);

const servers: HttpServerChild[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
async function server(): Promise<HttpServerChild> {
  const started = await startHttpServer({ label: 'electron e2e' });
  servers.push(started);
  return started;
}

test.describe('ports in the desktop app', () => {
  test("lists a real server's port and its process through window.portlens", async ({ portlensApp }) => {
    const http = await server();
    await expect
      .poll(
        async () => {
          const result = await portlensApp.window.evaluate(() =>
            (globalThis as unknown as PageGlobals).portlens.getSnapshot({}),
          );
          if (!result.ok) return result.error.message;
          const snapshot: Snapshot = result.value;
          const row = snapshot.sockets.find((s) => s.localPort === http.port && s.state === 'LISTEN');
          return row
            ? { pids: row.pids, name: snapshot.processes[String(row.pids[0])]?.name }
            : 'not listed yet';
        },
        { timeout: 30_000 },
      )
      .toEqual({ pids: [http.pid], name: 'node' });
  });

  test('an opened port is notified natively and listed in the tray; its tray item reveals the row', async ({
    portlensApp,
  }) => {
    // Record reveal messages the page receives on the stream.
    await portlensApp.window.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { __reveals: string[] };
      g.__reveals = [];
      g.portlens.subscribe((message: StreamMessage) => {
        if (message.type === 'reveal') g.__reveals.push(message.rowId);
      });
    });
    const http = await server();
    const label = `${http.port} · node`;
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.trayLabels() ?? []), {
        timeout: 30_000,
      })
      .toContain(label);
    await expect
      .poll(
        () =>
          portlensApp.electron.evaluate(
            () => globalThis.__portlensE2E?.notifications().map((n) => n.title) ?? [],
          ),
        { timeout: 30_000 },
      )
      .toContainEqual(expect.stringContaining(`127.0.0.1:${http.port}`));
    expect(await portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.trayTooltip())).toMatch(
      /^PortLens — \d+ listening, \d+ sockets?$/,
    );

    await portlensApp.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    expect(
      await portlensApp.electron.evaluate(
        (_electron, item) => globalThis.__portlensE2E?.clickTrayItem(item),
        label,
      ),
    ).toBe(true);
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.windowVisible()))
      .toBe(true);
    await expect
      .poll(() =>
        portlensApp.window.evaluate(
          () => (globalThis as unknown as { __reveals: string[] }).__reveals.length,
        ),
      )
      .toBeGreaterThan(0);
  });

  test('kill through the bridge stops the server and frees its port', async ({ portlensApp }) => {
    const http = await server();
    const target = { kind: 'port' as const, port: http.port, address: null };
    await expect
      .poll(
        async () => {
          const preview = await portlensApp.window.evaluate(
            (t) => (globalThis as unknown as PageGlobals).portlens.killPreview(t),
            target,
          );
          return preview.ok ? preview.value.subjects.map((s) => s.process.pid) : preview.error.code;
        },
        { timeout: 30_000 },
      )
      .toEqual([http.pid]);
    const preview = await portlensApp.window.evaluate(
      (t) => (globalThis as unknown as PageGlobals).portlens.killPreview(t),
      target,
    );
    if (!preview.ok) throw new Error(preview.error.message);
    const subject = preview.value.subjects[0]!.process;
    const result = await portlensApp.window.evaluate(
      (request) => (globalThis as unknown as PageGlobals).portlens.kill(request),
      { processes: [{ pid: subject.pid, startTime: subject.startTime }], force: false, timeoutMs: 5000 },
    );
    expect(result).toMatchObject({ ok: true, value: { freedPorts: expect.arrayContaining([http.port]) } });
  });

  test('with "Close to tray" on, closing the window hides it to the tray; Show brings it back', async ({
    portlensApp,
  }) => {
    // Off by default on Linux (a tray icon may be invisible there): turned on from the tray.
    expect(
      await portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.clickTrayItem('Close to tray')),
    ).toBe(true);
    await portlensApp.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.windowVisible()))
      .toBe(false);
    expect(
      await portlensApp.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
    ).toBe(1);
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.trayLabels() ?? []))
      .toContain('Show PortLens');
    expect(
      await portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.clickTrayItem('Show PortLens')),
    ).toBe(true);
    await expect
      .poll(() => portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.windowVisible()))
      .toBe(true);
  });

  test('"Start at login" writes and removes the XDG autostart entry (Linux)', async ({ portlensApp }) => {
    test.skip(process.platform !== 'linux', "the XDG autostart entry is Linux's mechanism");
    const file = join(portlensApp.dataDir, 'config', 'autostart', 'portlens.desktop');
    const click = () =>
      portlensApp.electron.evaluate(() => globalThis.__portlensE2E?.clickTrayItem('Start at login'));
    expect(await click()).toBe(true);
    // From the sources: Electron's binary, then the app's directory.
    expect(readFileSync(file, 'utf8')).toMatch(/^Exec=.*electron.* .+$/m);
    expect(await click()).toBe(true);
    expect(existsSync(file)).toBe(false);
  });
});
