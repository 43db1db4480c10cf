import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const MISSING_MESSAGE =
  'The Electron binary is not installed (it downloads from GitHub, which this machine cannot reach). Starting the same app in your browser instead: npx portlens serve --open';
const script = join(root, 'scripts', 'start.mjs');
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-start-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start (scripts/start.mjs)', () => {
  it('without an Electron binary, prints one clear message pointing to browser mode (--no-fallback exits 1)', () => {
    // An empty override directory: no binary, whatever this machine has installed.
    const result = spawnSync(process.execPath, [script, '--no-fallback'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir(), PORTLENS_NO_ELECTRON_DOWNLOAD: '1' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([MISSING_MESSAGE]);
  });

  it('without an Electron binary, runs the same app in browser mode and prints its URL', async () => {
    const child = spawn(process.execPath, [script, '--no-build', '--port', '0'], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir(), PORTLENS_NO_ELECTRON_DOWNLOAD: '1', BROWSER: 'true', PATH: '/usr/bin:/bin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(out);
          if (match) resolve(match[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect(stderr.split('\n')[0]).toBe(MISSING_MESSAGE);
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('launches the binary on the project directory, without ELECTRON_RUN_AS_NODE, and passes its exit code (stub electron binary)', () => {
    // The real Electron binary cannot be installed here; a shell script records how it was run.
    const dist = tempDir();
    const record = join(dist, 'record.txt');
    const binary = join(dist, 'electron');
    writeFileSync(
      binary,
      `#!/bin/sh\nprintf '%s\\n%s\\n%s\\n' "$*" "$PWD" "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}" > '${record}'\nexit 7\n`,
    );
    chmodSync(binary, 0o755);
    const result = spawnSync(process.execPath, [script, '--no-build', '--some-flag'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(result.status).toBe(7);
    expect(readFileSync(record, 'utf8').split('\n').slice(0, 3)).toEqual([
      '. --some-flag',
      root.replace(/\/$/, ''),
      'run-as-node=unset',
    ]);
  });
});
