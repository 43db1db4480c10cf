import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { profileMarkdown, summarizeProfile, type CpuProfile } from './cpu-profile-summary.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'portlens-prof-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BUSY = [
  'function portlensBusyLoop() {',
  '  let x = 0;',
  '  const end = Date.now() + 300;',
  '  while (Date.now() < end) for (let i = 0; i < 1e4; i++) x += Math.sqrt(i);',
  '  return x;',
  '}',
  'portlensBusyLoop();',
];

/** Runs `script` under `node --cpu-prof` into its own folder and returns the profile. */
function profileOf(script: string): CpuProfile {
  const out = mkdtempSync(path.join(dir, 'out-'));
  execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, script]);
  const file = readdirSync(out).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('node wrote no profile');
  return JSON.parse(readFileSync(path.join(out, file), 'utf8')) as CpuProfile;
}

describe('summarizeProfile', () => {
  it('puts a busy function of a real `node --cpu-prof` run on top, with its file and line', () => {
    const script = path.join(dir, 'busy.mjs');
    writeFileSync(script, BUSY.join('\n'));
    const summary = summarizeProfile(profileOf(script), { root: dir, limit: 5 });
    const busy = summary.top.find((row) => row.name === 'portlensBusyLoop');
    expect(busy?.location).toBe('busy.mjs:1');
    expect(busy?.lines[0]?.where).toBe('busy.mjs:4');
    // The loop ran for most of the profile, so it outweighs everything else.
    expect(summary.top[0]?.name).toBe('portlensBusyLoop');
    expect(summary.top.length).toBeLessThanOrEqual(5);
    expect(profileMarkdown('busy', summary)).toContain('`portlensBusyLoop` | busy.mjs:1 |');
  });

  it('maps a bundled function back to its TypeScript source through the linked source map', () => {
    const source = path.join(dir, 'src', 'hot-path.ts');
    mkdirSync(path.dirname(source), { recursive: true });
    writeFileSync(source, ['const header: string = "types make esbuild move lines";', ...BUSY].join('\n'));
    const bundle = path.join(dir, 'dist', 'bundle.mjs');
    buildSync({
      entryPoints: [source],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: 'node',
      sourcemap: 'linked',
      logLevel: 'silent',
    });

    const summary = summarizeProfile(profileOf(bundle), { root: dir, limit: 5 });
    expect(summary.top[0]).toMatchObject({
      name: 'portlensBusyLoop',
      location: path.join('src', 'hot-path.ts:2'),
    });
    // The while loop (source line 5) is where its samples are.
    expect(summary.top[0]?.lines[0]?.where).toBe(path.join('src', 'hot-path.ts:5'));
  });
});
