// The command a plain process is restarted with: computed once (processCommand), shown by the
// preview and spawned as is; argv[0] looked up as the shell did, never resolved through
// symlinks, so the new process keeps the original's name and argv.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProcess } from '../../contract/testing/factories.js';
import type { ProcessInfo } from '../model.js';
import { CHILD_PRELUDE } from '../owners/test-support/children.js';
import { previewRestart, restart } from './restart.js';
import { lookUpProgram, planRestart, processCommand } from './restart-plan.js';
import { actionFixtures, freePort, getJson, SERVER_SOURCE } from './test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

const { children, adopted, temp } = actionFixtures();

/** An executable file (a shell script) at `file`. */
function program(file: string): string {
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

/** A process as /proc shows it, with this argv, exe and cwd. */
function info(argv: string[], exe: string | null, cwd: string | null = '/'): ProcessInfo {
  return { ...makeProcess({ pid: 4_100_001, name: 'server' }), argv, exe, cwd };
}

/** argv of a live process, from /proc/<pid>/cmdline. */
function cmdline(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
}

describe('lookUpProgram (as execvp finds a program)', () => {
  it('takes the first executable file on the PATH, from the cwd for relative entries', () => {
    const root = temp.make();
    for (const dir of ['a', 'b', 'c', 'cwd', 'cwd/rel']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'a', 'tool'), 'not executable\n');
    mkdirSync(join(root, 'b', 'tool')); // a directory is not a program
    const inC = program(join(root, 'c', 'tool'));
    const path = [join(root, 'a'), join(root, 'b'), join(root, 'c')].join(':');
    expect(lookUpProgram('tool', '/', path)).toBe(inC);
    expect(lookUpProgram('missing', '/', path)).toBeNull();

    const cwd = join(root, 'cwd');
    program(join(cwd, 'rel', 'tool'));
    program(join(cwd, 'tool'));
    expect(lookUpProgram('tool', cwd, 'rel')).toBe(`${cwd}/rel/tool`);
    expect(lookUpProgram('tool', cwd, ':' + path)).toBe(`${cwd}/tool`); // an empty entry is the cwd
    expect(lookUpProgram('tool', null, 'rel:' + path)).toBe(inC); // no cwd: relative entries skipped
  });

  it('takes a name with a slash as is (relative to the cwd), and never looks it up on the PATH', () => {
    const cwd = temp.make();
    mkdirSync(join(cwd, 'bin'));
    const local = program(join(cwd, 'bin', 'server'));
    expect(lookUpProgram('./bin/server', cwd, '/usr/bin')).toBe(`${cwd}/./bin/server`);
    expect(lookUpProgram(local, null, '')).toBe(local);
    expect(lookUpProgram('./bin/server', null, cwd)).toBeNull();
    expect(lookUpProgram('bin/missing', cwd, join(cwd, 'bin'))).toBeNull();
  });
});

describe('processCommand', () => {
  it('keeps argv[0] as found on the PATH, a symlink included: python3 stays python3, not python3.11', () => {
    const dir = temp.make();
    const real = program(join(dir, 'python3.11'));
    const link = join(dir, 'python3');
    symlinkSync('python3.11', link);
    expect(processCommand(info(['python3', 'app.py', '--port', '80'], real), dir)).toEqual([
      link,
      'app.py',
      '--port',
      '80',
    ]);
  });

  it('runs the running program instead when argv[0] names another one, or none', () => {
    const dir = temp.make();
    const real = program(join(dir, 'server-bin'));
    const other = program(join(dir, 'bash'));
    expect(processCommand(info(['bash', '-x'], real), dir)).toEqual([real, '-x']); // a rewritten argv[0]
    expect(processCommand(info(['nginx: master process', '-g'], real), dir)).toEqual([real, '-g']);
    expect(processCommand(info([], real), dir)).toEqual([real]);
    expect(processCommand(info(['bash'], other), dir)).toEqual([other]);
  });

  it('uses argv[0] when the running binary was replaced or is unreadable, and refuses when nothing is left', () => {
    const dir = temp.make();
    const current = program(join(dir, 'server'));
    expect(processCommand(info(['server', '-v'], join(dir, 'server-1.0 (deleted)')), dir)).toEqual([
      current,
      '-v',
    ]);
    expect(processCommand(info(['server', '-v'], `${current} (deleted)`), dir)).toEqual([current, '-v']);
    expect(processCommand(info(['server', '-v'], null), dir)).toEqual([current, '-v']);
    expect(processCommand(info(['gone', '-v'], join(dir, 'gone (deleted)')), dir)).toBeNull();

    const plan = planRestart(info(['gone', '-v'], join(dir, 'gone (deleted)')), 0, dir);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.error.code).toBe('unsupported');
      expect(plan.error.message).toMatch(/its program \(gone\) is no longer found/);
    }
  });
});

describe(
  'restart runs exactly the previewed command (real processes)',
  { timeout: ACTION_TEST_TIMEOUT_MS },
  () => {
    it('a program started by a symlinked name on PATH restarts under that name, argv[0] and all', async () => {
      const dir = realpathSync(temp.make('portlens-restart-name-'));
      mkdirSync(join(dir, 'bin'));
      const link = join(dir, 'bin', 'portlens-node');
      symlinkSync(process.execPath, link);
      const script = join(dir, 'server.mjs');
      writeFileSync(script, CHILD_PRELUDE + SERVER_SOURCE);
      const port = await freePort();
      const server = await children.spawn('portlens-node', [script, String(port)], {
        cwd: dir,
        env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
      });
      expect(cmdline(server.pid)[0]).toBe('portlens-node');
      const deps = testDeps(temp.make());

      const preview = await previewRestart({ kind: 'port', port, address: null }, deps);
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value.command).toEqual([link, script, String(port)]);

      const result = await restart(
        { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: null },
        deps,
      );
      if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
      const newPid = result.value.newPid ?? 0;
      adopted.add(newPid);
      expect(await getJson(port)).toMatchObject({ pid: newPid });
      expectSpawnedAsPreviewed(newPid, preview.value.command, 'portlens-node');
      expect(readFileSync(`/proc/${newPid}/comm`, 'utf8').trim()).toBe('portlens-node');
      expect(readFileSync(result.value.logFile ?? '', 'utf8')).toContain(
        `: ${preview.value.command.join(' ')} (cwd ${dir})`,
      );
    });

    // The case from the issue: /usr/bin/python3 → python3.11. Skipped where python3 is not such a link.
    const python = '/usr/bin/python3';
    const pythonIsALink =
      existsSync(python) &&
      lstatSync(python).isSymbolicLink() &&
      basename(readlinkSync(python)) !== 'python3';
    it.skipIf(!pythonIsALink)(
      'python3 started through PATH restarts as python3 (not as the python3.X it links to)',
      async () => {
        const port = await freePort();
        const code = [
          'import json, socket, sys',
          's = socket.socket()',
          's.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
          "s.bind(('127.0.0.1', int(sys.argv[1])))",
          's.listen()',
          "print(json.dumps({'port': s.getsockname()[1]}), flush=True)",
          'while True: s.accept()[0].close()',
        ].join('\n');
        const server = await children.spawn('python3', ['-c', code, String(port)], {
          cwd: temp.make(),
          env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
        });
        const original = cmdline(server.pid);
        expect(original[0]).toBe('python3');
        const deps = testDeps(temp.make());

        const preview = await previewRestart({ kind: 'port', port, address: '127.0.0.1' }, deps);
        if (!preview.ok) throw new Error(preview.error.message);
        expect(preview.value.command).toEqual([python, '-c', code, String(port)]);

        const result = await restart(
          { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: null },
          deps,
        );
        if (!result.ok) throw new Error(`${result.error.message}\n${result.error.detail ?? ''}`);
        const newPid = result.value.newPid ?? 0;
        adopted.add(newPid);
        expectSpawnedAsPreviewed(newPid, preview.value.command, 'python3');
        expect(cmdline(newPid)).toEqual(original);
        expect(readFileSync(`/proc/${newPid}/comm`, 'utf8').trim()).toBe('python3');
      },
    );
  },
);

/**
 * The process `pid` runs what `command` says: its executable is command[0] (the file itself,
 * whatever symlinks lead to it), its arguments command[1..], and its argv[0] is `argv0`.
 */
function expectSpawnedAsPreviewed(pid: number, command: string[], argv0: string): void {
  const [file, ...args] = command;
  expect(realpathSync(`/proc/${pid}/exe`)).toBe(realpathSync(file ?? ''));
  expect(cmdline(pid)).toEqual([argv0, ...args]);
}
