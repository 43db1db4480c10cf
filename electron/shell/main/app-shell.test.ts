import { sep } from 'node:path';
import type { WebPreferences } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './app-menu.js';
import { appPaths, unpacked } from './app-paths.js';
import { isE2E } from './e2e-hooks.js';
import { isAllowedPermission } from './permissions.js';
import { secureWebPreferences } from './secure-web-preferences.js';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and denies Node and <webview>', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs.preload).toBe('/x/preload.cjs');
    // Each switch by name, so a failure says which one is off.
    for (const on of ['contextIsolation', 'sandbox', 'webSecurity'] as const)
      expect(prefs[on], on).toBe(true);
    const off: readonly (keyof WebPreferences)[] = [
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'allowRunningInsecureContent',
      'experimentalFeatures',
    ];
    for (const key of off) expect(prefs[key], key).toBe(false);
  });
});

describe('isAllowedPermission', () => {
  it('grants only notifications and clipboard writes, only to app://portlens', () => {
    for (const permission of ['notifications', 'clipboard-sanitized-write']) {
      expect(isAllowedPermission(permission, 'app://portlens/index.html'), permission).toBe(true);
      expect(isAllowedPermission(permission, 'app://portlens'), permission).toBe(true);
      expect(isAllowedPermission(permission, 'https://evil.example/'), permission).toBe(false);
      expect(isAllowedPermission(permission, 'app://portlens.evil/'), permission).toBe(false);
    }
    expect(isAllowedPermission('notifications', undefined)).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      expect(isAllowedPermission(permission, 'app://portlens/index.html'), permission).toBe(false);
    }
  });
});

describe('appMenuTemplate', () => {
  it('uses the standard roles, with the app menu on macOS only', () => {
    const roles = (platform: NodeJS.Platform) =>
      appMenuTemplate(platform, { devTools: true }).map((item) => item.role);
    expect(roles('darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });
  it('leaves developer tools out of packaged builds', () => {
    const view = appMenuTemplate('linux', { devTools: false })[2];
    expect(JSON.stringify(view)).not.toContain('toggleDevTools');
    expect(view?.label).toBe('View');
  });
});

describe('appPaths', () => {
  it('finds renderer, preload, worker and icons from dist/electron', () => {
    const paths = appPaths(`${sep}app${sep}dist${sep}electron`);
    expect(paths).toEqual({
      rendererDir: `${sep}app${sep}dist${sep}renderer`,
      preloadPath: `${sep}app${sep}dist${sep}electron${sep}preload.cjs`,
      workerPath: `${sep}app${sep}dist${sep}electron${sep}monitor-worker.mjs`,
      iconsDir: `${sep}app${sep}build${sep}icons`,
    });
  });
  it('runs the worker from app.asar.unpacked when packaged', () => {
    const inAsar = appPaths(['', 'opt', 'PortLens', 'resources', 'app.asar', 'dist', 'electron'].join(sep));
    expect(inAsar.workerPath).toBe(
      [
        '',
        'opt',
        'PortLens',
        'resources',
        'app.asar.unpacked',
        'dist',
        'electron',
        'monitor-worker.mjs',
      ].join(sep),
    );
    expect(inAsar.preloadPath).toContain(`${sep}app.asar${sep}`);
    expect(unpacked(`${sep}x${sep}app.asarfoo${sep}y`)).toBe(`${sep}x${sep}app.asarfoo${sep}y`);
  });
});

describe('isE2E', () => {
  it('needs PORTLENS_E2E=1 and an app run from the sources', () => {
    expect(isE2E({ PORTLENS_E2E: '1' }, false)).toBe(true);
    expect(isE2E({ PORTLENS_E2E: '1' }, true)).toBe(false);
    expect(isE2E({}, false)).toBe(false);
    expect(isE2E({ PORTLENS_E2E: 'true' }, false)).toBe(false);
  });
});
