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
    ['electron/shell/preload/probe.ts', "export const x = () => import('../../core/model.js');", 'layers/dynamic-import'],
    ['electron/shell/preload/probe.ts', "import '../main/index.js';", 'no-restricted-imports'],
    ['electron/core/probe.ts', "import '../shell/main/index.js';", 'no-restricted-imports'],
    ['electron/server/probe.ts', "import '../shell/main/index.js';", 'no-restricted-imports'],
    ['electron/contract/probe.ts', "import '../shell/preload/index.js';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "import '@contract/../core/model';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "export const x = () => import('@contract/wire/../../core/model');", 'layers/dynamic-import'],
    ['renderer/src/probe.ts', "import '../../electron/contract/api';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "import { makeRow } from '@contract/testing/factories';\nexport const x = makeRow;", 'layers/test-only'],
    ['electron/core/probe.ts', "export { plainRow } from '../contract/testing/plain-row.js';", 'layers/test-only'],
    ['electron/server/probe.ts', "export const x = () => import('../test-support/children.js');", 'layers/test-only'],
  ])('%s: %s is refused', async (path, code, rule) => {
    expect(await violations(path, code)).toContain(rule);
  });

  it.each([
    ['electron/core/probe.ts', "export const x = () => import('../contract/api.js');"],
    ['renderer/src/probe.ts', "export const x = () => import('@contract/api');"],
    ['renderer/src/probe.test.ts', "import { makeRow } from '@contract/testing/factories';\nexport const x = makeRow;"],
    ['electron/core/probe.test.ts', "import { plainRow } from '../contract/testing/plain-row.js';\nexport const x = plainRow;"],
    ['electron/shell/main/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/cli/probe.ts', "export const x = () => import('../core/model.js');"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await violations(path, code)).toEqual([]);
  });
});
