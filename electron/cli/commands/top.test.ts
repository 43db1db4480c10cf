/**
 * `portlens top` on a real pseudo-terminal (util-linux `script`): it draws frames in place on
 * the alternate screen, switches to connections on `c`, and quits on `q`, restoring the screen.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleEntry } from '../../test-support/bundle-entry.js';
import { withoutTools } from '../../test-support/system-tools.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const noScript = withoutTools('script');

describe('portlens top on a pseudo-terminal', () => {
  it.skipIf(noScript)('redraws in place, switches view on c, quits on q', async () => {
    // The CLI from these sources, in the repository (so koffi resolves from node_modules).
    mkdirSync(`${root}dist/test`, { recursive: true });
    const bundle = `${root}dist/test/top-cli.mjs`;
    await bundleEntry(`${root}electron/cli/main.ts`, bundle);
    const child = spawn('script', ['-qfec', `${process.execPath} ${bundle} top --interval 300`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, COLUMNS: '120', LINES: '40' },
    });
    let out = '';
    const seen = (text: string, from = 0) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" on the terminal; got ${JSON.stringify(out.slice(-400))}`)), 20_000);
        const check = () => {
          const at = out.indexOf(text, from);
          if (at >= 0) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve(at);
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const enter = await seen('\x1b[?1049h');
    const firstFrame = await seen('PortLens top', enter);
    await seen('SOCKETS', firstFrame);
    child.stdin.write('c');
    await seen('PROTO  LOCAL', firstFrame);
    child.stdin.write('q');
    expect(await exited).toBe(0);
    // Each frame starts at the cursor's home: frames overwrite each other rather than scroll.
    expect(out.split('\x1b[HPortLens top').length).toBeGreaterThan(2);
    expect(out.trimEnd().endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
  }, 60_000);
});
