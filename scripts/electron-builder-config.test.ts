/**
 * electron-builder.yml and package.json are checked with electron-builder's own code, without
 * packaging (that needs the Electron binary, which cannot be downloaded here): its loader and
 * schema validator (what `electron-builder` runs first), its package.json check, and the deb
 * target's own metadata check (FpmTarget.checkOptions, which fails `npm run dist` with "Please
 * specify project homepage" when package.json lacks one). package-layout.test.ts packages for real.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppInfo } from 'app-builder-lib/out/appInfo.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Metadata } from 'app-builder-lib/out/options/metadata.js';
import * as packageMetadata from 'app-builder-lib/out/util/packageMetadata.js';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { trayIconFiles } from '../electron/shell/main/app-paths.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageFile = `${root}/package.json`;
// Marked @internal, so left out of the typings: the functions `electron-builder` runs on package.json.
const { checkMetadata, readPackageJson } = packageMetadata as unknown as {
  readPackageJson(file: string): Promise<Metadata>;
  checkMetadata(metadata: Metadata, devMetadata: Metadata, appFile: string, devAppFile: string): void;
};
type Config = Awaited<ReturnType<typeof getConfig>>;

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
});
