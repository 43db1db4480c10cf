// The `portlens list`/`who` entry (dist/node/cli.cjs) must stay small: every module it bundles is
// parsed at each start. zod alone adds ~800 KB and ~25 ms, so nothing on that path may import it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the one-shot CLI entry', () => {
  it('bundles no zod, and no module that imports it', async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['electron/cli/main-one-shot.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      external: ['koffi', 'electron'],
      define: { __PORTLENS_VERSION__: '"test"', 'import.meta.url': '__importMetaUrl' },
      logLevel: 'silent',
    });
    const inputs = Object.entries(result.metafile.inputs);
    const importers = inputs.filter(([, info]) => info.imports.some((i) => /node_modules[\\/]zod[\\/]/.test(i.path))).map(([file]) => file);
    expect(importers.filter((file) => !file.includes('node_modules'))).toEqual([]);
    expect(inputs.some(([file]) => /node_modules[\\/]zod[\\/]/.test(file))).toBe(false);
  });
});
