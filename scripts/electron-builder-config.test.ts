/**
 * electron-builder.yml is checked with electron-builder's own loader and schema validator
 * (app-builder-lib, what `electron-builder` runs first), without packaging: packaging needs the
 * Electron binary, which cannot be downloaded here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

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

  it('packages the app as PortLens with its icons and the unpacked worker and native module', async () => {
    const config = await getConfig(root, null, null);
    expect(config.appId).toBe('dev.portlens.app');
    expect(config.productName).toBe('PortLens');
    expect(config.extraMetadata).toMatchObject({ main: 'dist/electron/main.cjs' });
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/node/**/*', 'node_modules/koffi/**/*']));
    expect(config.linux?.category).toBe('Development');
    expect(config.linux?.desktop?.entry).toMatchObject({
      Categories: 'Development;Network;',
      StartupWMClass: 'portlens',
    });
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(icon && existsSync(`${root}/${icon}`), String(icon)).toBe(true);
    }
    // getConfig normalizes `files` to [{ filter: [...] }].
    const patterns = JSON.stringify(config.files).match(/"build\/[^"*]+"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const quoted of patterns) expect(existsSync(`${root}/${JSON.parse(quoted)}`), quoted).toBe(true);
  });
});
