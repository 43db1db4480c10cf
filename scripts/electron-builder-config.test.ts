/**
 * electron-builder.yml and package.json are checked with electron-builder's own code, without
 * packaging (that needs the Electron binary, which cannot be downloaded here): its loader and
 * schema validator (what `electron-builder` runs first), its package.json check, and the deb
 * target's own metadata check (FpmTarget.checkOptions, which fails `npm run dist` with "Please
 * specify project homepage" when package.json lacks one). package-layout.test.ts packages for real.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { AppInfo } from 'app-builder-lib/out/appInfo.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Metadata } from 'app-builder-lib/out/options/metadata.js';
import * as packageMetadata from 'app-builder-lib/out/util/packageMetadata.js';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget.js';
import { MacTargetHelper } from 'app-builder-lib/out/mac/MacTargetHelper.js';
import { isAutoDiscoveryCodeSignIdentity } from 'app-builder-lib/out/util/flags.js';
import { DebugLogger } from 'builder-util';
import { afterEach, describe, expect, it } from 'vitest';
import { trayIconFiles } from '../electron/shell/main/app-paths.js';
import { distEnvironment } from './lib/dist-environment.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageFile = `${root}/package.json`;
// Marked @internal, so left out of the typings: the functions `electron-builder` runs on package.json.
const { checkMetadata, readPackageJson } = packageMetadata as unknown as {
  readPackageJson(file: string): Promise<Metadata>;
  checkMetadata(metadata: Metadata, devMetadata: Metadata, appFile: string, devAppFile: string): void;
};
type Config = Awaited<ReturnType<typeof getConfig>>;
// electron-builder's own plist reader (a dependency of app-builder-lib; its typings are not installed).
const plist = createRequire(import.meta.url)('plist') as { parse(xml: string): unknown };

/** The variables this file sets, restored after each test. */
const savedEnv = new Map<string, string | undefined>();
function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
afterEach(() => {
  for (const [name, value] of savedEnv)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  savedEnv.clear();
});

/** A plist's value, after checking it is well-formed XML (the plist reader alone is lenient). */
function parsePlist(xml: string, file: string): unknown {
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const document = new DOMParser({
    errorHandler: { warning: report, error: report, fatalError: report },
  }).parseFromString(xml, 'text/xml');
  expect(problems, file).toEqual([]);
  expect(document.documentElement?.nodeName, file).toBe('plist');
  return plist.parse(xml);
}

/** The entitlements electron-builder's signer gives each file (MacTargetHelper.getOptionsForFile). */
async function entitlementsFor(config: Config, appPath: string, files: string[]) {
  const packager = {
    resourceList: Promise.resolve(readdirSync(join(root, 'build'))),
    info: { buildResourcesDir: join(root, 'build') },
    platformSpecificBuildOptions: config.mac,
  };
  const helper = new MacTargetHelper(packager as never);
  const forFile = await helper.getOptionsForFile(appPath, false, config.mac ?? {});
  return files.map((file) => forFile(file));
}

/**
 * The deb target's metadata check (homepage, maintainer), run on electron-builder's FpmTarget
 * with the parts of a packager it reads: the real AppInfo, no git remote to fall back on.
 */
async function debMetadata(config: Config, metadata: Metadata): Promise<unknown> {
  const info = { config, metadata, devMetadata: metadata, repositoryInfo: Promise.resolve(null) };
  const appInfo = new AppInfo(info as never, null, config.linux ?? null);
  // The constructor would also write the install scripts; checkOptions needs only these.
  // A CommonJS `exports.default` class: the interop hands over either the class or its module.
  const fpm = FpmTarget as unknown as { prototype: object; default?: { prototype: object } };
  const target = Object.create((fpm.default ?? fpm).prototype) as {
    packager: unknown;
    options: unknown;
    checkOptions(): Promise<unknown>;
  };
  target.packager = { appInfo, info, config };
  target.options = { ...config.linux, ...config.deb };
  return target.checkOptions();
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects an invalid configuration (the validator is really checking)', async () => {
    const config = await getConfig(root, null, null);
    for (const invalid of [
      { ...config, notAnOption: true },
      { ...config, asarUnpack: { pattern: 1 } },
    ]) {
      await expect(validateConfiguration(invalid as never, new DebugLogger(false))).rejects.toThrow(
        /does not match the API schema/,
      );
    }
  });

  it('package.json has what every configured target needs (homepage, author with email, description)', async () => {
    const config = await getConfig(root, null, null);
    const metadata = await readPackageJson(packageFile);
    expect(() => checkMetadata(metadata, metadata, packageFile, packageFile)).not.toThrow();
    // AppImage and deb describe the app; electron-builder only warns when it is missing.
    expect(metadata.description?.trim()).toBeTruthy();
    expect(metadata.author).toMatchObject({ name: expect.any(String), email: expect.stringContaining('@') });
    expect(await debMetadata(config, metadata)).toMatchObject({
      url: metadata.homepage,
      maintainer: expect.stringMatching(/<.+@.+>/),
    });
    // Without a homepage (and no GitHub remote) the deb fails, as `npm run dist` did.
    await expect(debMetadata(config, { ...metadata, homepage: undefined })).rejects.toThrow(
      /Please specify project homepage/,
    );
  });

  it('re-signs macOS builds ad hoc after flipping the fuses (Apple Silicon refuses an invalid signature)', async () => {
    const config = await getConfig(root, null, null);
    expect(config.electronFuses).toMatchObject({ resetAdHocDarwinSignature: true, runAsNode: false });
  });

  it('ships what the app runs: its bundles, renderer and icons, not the CLI, server or benchmarks', async () => {
    const config = await getConfig(root, null, null);
    expect(config.appId).toBe('dev.portlens.app');
    expect(config.productName).toBe('PortLens');
    expect(config.extraMetadata).toMatchObject({ main: 'dist/electron/main.cjs' });
    expect(config.asarUnpack).toEqual([
      'dist/electron/monitor-worker.mjs',
      'node_modules/koffi/**/*',
      'node_modules/@koromix/**/*',
    ]);
    const files = JSON.stringify(config.files);
    expect(files).not.toMatch(/dist\/(node|bench)|dist\/\*\*/);
    expect(config.linux?.category).toBe('Development');
    expect(config.linux?.desktop?.entry).toMatchObject({
      Categories: 'Development;Network;',
      StartupWMClass: 'portlens',
    });
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(icon && existsSync(`${root}/${icon}`), String(icon)).toBe(true);
    }
    // getConfig normalizes `files` to [{ filter: [...] }].
    const patterns = files.match(/"build\/[^"*]+"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const quoted of patterns) expect(existsSync(`${root}/${JSON.parse(quoted)}`), quoted).toBe(true);
    // Every platform's tray icon is packaged.
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      for (const file of trayIconFiles(platform)) expect(patterns, file).toContain(`"build/icons/${file}"`);
  });

  it('dmg: hardened runtime, with entitlements that grant JIT and nothing else (electron-builder resolves them so)', async () => {
    const config = await getConfig(root, null, null);
    const mac = config.mac ?? {};
    expect(mac).toMatchObject({ hardenedRuntime: true, category: 'public.app-category.developer-tools' });
    const app = '/stage/PortLens.app';
    const [main, helper] = await entitlementsFor(config, app, [
      app,
      `${app}/Contents/Frameworks/PortLens Helper (Renderer).app`,
    ]);
    expect(main).toMatchObject({ entitlements: mac.entitlements, hardenedRuntime: true });
    expect(helper).toMatchObject({ entitlements: mac.entitlementsInherit, hardenedRuntime: true });
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      expect(file, 'an entitlements file of our own, not the template').toMatch(/^build\//);
      // Exactly this: no library-validation or unsigned-memory exceptions (entitlements.mac.plist says why).
      expect(parsePlist(readFileSync(join(root, String(file)), 'utf8'), String(file))).toEqual({
        'com.apple.security.cs.allow-jit': true,
      });
    }
    // The check above really reads: a plist that is not well-formed fails it.
    expect(() => parsePlist('<plist><dict><key>a</key></dict>', 'broken.plist')).toThrow();
  });

  it('dmg: the app beside an Applications link, with the icon from build/', async () => {
    const config = await getConfig(root, null, null);
    expect(config.dmg?.contents).toEqual([
      { x: 140, y: 180, type: 'file' },
      { x: 400, y: 180, type: 'link', path: '/Applications' },
    ]);
    for (const icon of [config.mac?.icon, config.dmg?.icon])
      expect(icon && existsSync(join(root, icon)), String(icon)).toBe(true);
  });

  it("notarizes only when credentials are in the environment (electron-builder's own notarize step)", async () => {
    const config = await getConfig(root, null, null);
    // Unset, not false: `notarize: false` would skip it even with credentials.
    expect(config.mac?.notarize).toBeUndefined();
    const none = Object.fromEntries(
      [
        'APPLE_ID',
        'APPLE_APP_SPECIFIC_PASSWORD',
        'APPLE_TEAM_ID',
        'APPLE_API_KEY',
        'APPLE_API_KEY_ID',
        'APPLE_API_ISSUER',
        'APPLE_KEYCHAIN',
        'APPLE_KEYCHAIN_PROFILE',
      ].map((name) => [name, undefined]),
    );
    setEnv(none);
    expect(MacTargetHelper.getNotarizeOptions('/stage/PortLens.app')).toBeUndefined();
    setEnv({
      APPLE_API_KEY: '/keys/AuthKey.p8',
      APPLE_API_KEY_ID: 'KEY123',
      APPLE_API_ISSUER: 'issuer-uuid',
    });
    expect(MacTargetHelper.getNotarizeOptions('/stage/PortLens.app')).toEqual({
      tool: 'notarytool',
      appPath: '/stage/PortLens.app',
      appleApiKey: '/keys/AuthKey.p8',
      appleApiKeyId: 'KEY123',
      appleApiIssuer: 'issuer-uuid',
    });
    // Half a set of credentials fails the build rather than silently skipping.
    setEnv({ APPLE_API_ISSUER: undefined });
    expect(() => MacTargetHelper.getNotarizeOptions('/stage/PortLens.app')).toThrow(/APPLE_API_ISSUER/);
  });

  it('npm run dist signs only with a named certificate: keychain discovery is off otherwise', () => {
    const scenarios: [NodeJS.ProcessEnv, boolean][] = [
      [{}, false],
      [{ CSC_LINK: '  ' }, false],
      [{ CSC_LINK: '/certs/developer-id.p12' }, true],
      [{ CSC_NAME: 'Developer ID Application: Example (TEAM123)' }, true],
      [{ CSC_IDENTITY_AUTO_DISCOVERY: 'true' }, true],
    ];
    for (const [given, discovers] of scenarios) {
      // What electron-builder reads, in the environment scripts/dist.mjs gives it.
      setEnv({ CSC_IDENTITY_AUTO_DISCOVERY: distEnvironment(given).CSC_IDENTITY_AUTO_DISCOVERY });
      expect(isAutoDiscoveryCodeSignIdentity(), JSON.stringify(given)).toBe(discovers);
    }
  });

  it('nsis: an assisted per-user installer with icons, named shortcuts, and an uninstaller that removes the login item', async () => {
    const config = await getConfig(root, null, null);
    const nsis = config.nsis ?? {};
    expect(nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'PortLens',
      uninstallDisplayName: 'PortLens',
    });
    for (const icon of [config.win?.icon, nsis.installerIcon, nsis.uninstallerIcon])
      expect(icon && existsSync(join(root, icon)), String(icon)).toBe(true);
    // The Run value Electron writes is named by the AppUserModelId, which main sets to the appId.
    const script = readFileSync(join(root, String(nsis.include)), 'utf8');
    expect(script).toMatch(/!macro customUnInstall\b/);
    const removed = [...script.matchAll(/DeleteRegValue HKCU "([^"]+)" "([^"]+)"/g)];
    expect(removed.map((match) => match[2])).toEqual([config.appId, config.appId]);
    expect(removed.map((match) => match[1])).toEqual([
      'Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      'Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run',
    ]);
    const main = readFileSync(join(root, 'electron', 'shell', 'main', 'index.ts'), 'utf8');
    expect(main).toContain(`app.setAppUserModelId('${config.appId}')`);
  });

  it('AppImage and deb: the icon set from build/icons and a Development category', async () => {
    const config = await getConfig(root, null, null);
    const iconDir = join(root, String(config.linux?.icon));
    // electron-builder takes NxN.png names from the directory; the desktop needs at least these.
    const sizes = readdirSync(iconDir).filter((name) => /^\d+x\d+\.png$/.test(name));
    expect(sizes).toEqual(expect.arrayContaining(['16x16.png', '48x48.png', '256x256.png', '512x512.png']));
    expect(config.linux?.category).toBe('Development');
    expect(config.deb?.packageCategory).toBe('devel');
  });
});
