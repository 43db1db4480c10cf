/**
 * Structure: raw IPC lives in exactly two files. ipcMain only in electron/shell/main/ipc-bridge.ts
 * (where every handler checks its sender), ipcRenderer only in electron/shell/preload/index.ts (which
 * never hands it to the page). A new file that reaches for either fails here and in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
const files = [...sources(join(root, 'electron')), ...sources(join(root, 'renderer'))].map((path) => ({
  path: relative(root, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

/** Files that import `name` from 'electron' or reach it as a member (`electron.ipcMain`). */
function users(name: string): string[] {
  const imported = new RegExp(
    `import\\s*(?:type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]electron['"]`,
  );
  const member = new RegExp(`\\.${name}\\b`);
  return files.filter((f) => imported.test(f.text) || member.test(f.text)).map((f) => f.path);
}

describe('IPC structure', () => {
  it('only ipc-bridge.ts uses ipcMain', () => {
    expect(users('ipcMain')).toEqual(['electron/shell/main/ipc-bridge.ts']);
  });

  it('only the preload uses ipcRenderer, and it never exposes it', () => {
    expect(users('ipcRenderer')).toEqual(['electron/shell/preload/index.ts']);
    const preload = files.find((f) => f.path === 'electron/shell/preload/index.ts')!.text;
    const exposed = preload.match(/exposeInMainWorld\(([^)]*)\)/g) ?? [];
    expect(exposed).toEqual(["exposeInMainWorld('portlens', api)"]);
    expect(preload).not.toMatch(/portlens[^\n]*ipcRenderer\s*[,}]/);
  });

  it('the preload wires every contract call', async () => {
    const { CALL_NAMES } = await import('../../contract/api.js');
    const preload = files.find((f) => f.path === 'electron/shell/preload/index.ts')!.text;
    for (const name of CALL_NAMES)
      expect(preload, name).toContain(`${name}: (request) => invoke('${name}', request)`);
  });
});
