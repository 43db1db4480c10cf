// The platforms workflow cannot run here; what can be checked here is that every suite it names
// exists, so a renamed test folder does not silently leave macOS or Windows untested.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WORKFLOW = new URL('../.github/workflows/platforms.yml', import.meta.url);

/** The paths given to `npx vitest run` in the desktop job (a folded `>-` block or one line). */
function desktopSuites(text: string): string[] {
  const desktop = text.slice(text.indexOf('\n  desktop:'));
  const runs = [...desktop.matchAll(/npx vitest run((?:[^\n]*)(?:\n {10}[^\n]*)*)/g)].map((m) => m[1] ?? '');
  return runs.flatMap((run) => run.split(/\s+/).filter(Boolean));
}

describe('the platforms workflow', () => {
  it('names only suites that exist, among them the end-to-end path and the new parsers', () => {
    const suites = desktopSuites(readFileSync(WORKFLOW, 'utf8'));
    expect(suites).toEqual(expect.arrayContaining(['electron/core/actions/platform-live.test.ts', 'electron/core/owners/windows', 'electron/core/owners/ps/ps-parse.test.ts']));
    for (const suite of suites) expect(existsSync(new URL(`../${suite}`, import.meta.url)), suite).toBe(true);
  });
});
