// The import boundaries in eslint.config.js, checked on real lint runs: static and dynamic
// imports that cross a layer are errors, imports within the rules are not.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids lint reports for `code` as if it were the file at `path`. */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    ['electron/core/probe.ts', "import '../server/start-server.js';", 'no-restricted-imports'],
    ['electron/core/probe.ts', "export const x = () => import('../server/start-server.js');", 'layers/dynamic-import'],
    ['electron/core/probe.ts', "export const x = () => import(`electron`);", 'layers/dynamic-import'],
    ['electron/contract/probe.ts', "export const x = () => import('node:fs');", 'layers/dynamic-import'],
    ['renderer/src/probe.ts', "export const x = () => import('../../electron/core/model.js');", 'layers/dynamic-import'],
    ['renderer/src/probe.ts', "export const x = () => import('fs/promises');", 'layers/dynamic-import'],
    ['electron/preload/probe.ts', "export const x = () => import('../core/model.js');", 'layers/dynamic-import'],
  ])('%s: %s is refused', async (path, code, rule) => {
    expect(await violations(path, code)).toContain(rule);
  });

  it.each([
    ['electron/core/probe.ts', "export const x = () => import('../contract/api.js');"],
    ['renderer/src/probe.ts', "export const x = () => import('../../electron/contract/api');"],
    ['electron/cli/probe.ts', "export const x = () => import('../core/model.js');"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await violations(path, code)).toEqual([]);
  });
});
