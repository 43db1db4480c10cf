import { copyFileSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessInfo } from '../../contract/model.js';
import { readEnviron } from './environ.js';
import { displayName, readProcessInfo } from './process-info.js';
import { readStat } from './proc-stat.js';
import { Children, waitFor } from './test-support/children.js';

const children = new Children();
afterEach(() => children.stopAll());

const IDLE = `report({ ready: true }); setInterval(() => {}, 1 << 30);`;

describe('readProcessInfo (real processes)', () => {
  it('reads cwd, argv, exe, uid, user, parent and start of a child, with a pm2-like environment (stub: no pm2 here)', async () => {
    const cwd = realpathSync(children.tempDir());
    const script = join(cwd, 'idle child.mjs');
    const before = Date.now();
    const child = await children.node(IDLE, {
      file: script,
      cwd,
      args: ['two words', '--flag=x', ''],
      env: {
        PATH: process.env['PATH'] ?? '',
        PORTLENS_TEST_MARK: 'marked value',
        pm_id: '7',
        name: 'demo-app',
      },
    });

    const info = readProcessInfo(child.pid);
    expect(info).not.toBeNull();
    expect(ProcessInfo.parse(info)).toEqual(info);
    expect(info).toMatchObject({
      pid: child.pid,
      ppid: process.pid,
      name: 'node',
      exe: realpathSync(process.execPath),
      argv: [process.execPath, script, 'two words', '--flag=x', ''],
      cwd,
      uid: process.getuid?.(),
      service: { kind: 'pm2', id: '7', name: 'demo-app' },
    });
    expect(info?.user).toBe(
      readFileSync('/etc/passwd', 'utf8').match(new RegExp(`^([^:]+):[^:]*:${info?.uid}:`, 'm'))?.[1],
    );
    expect(info?.startTime).toBe(readStat(child.pid)?.startTime);
    // btime has one-second resolution; the child started while this test ran.
    expect(info?.startedAt).toBeGreaterThanOrEqual(before - 2000);
    expect(info?.startedAt).toBeLessThanOrEqual(Date.now() + 2000);

    const environ = readEnviron(child.pid);
    expect(environ.ok && environ.env['PORTLENS_TEST_MARK']).toBe('marked value');
  });

  it('names a process by its full program name when the kernel truncated it to 15 bytes', async () => {
    const program = join(children.tempDir(), 'portlens-very-long-sleeper');
    copyFileSync('/bin/sleep', program);
    const child = await children.spawn(program, ['600'], { noReadyLine: true });
    await waitFor(() => readStat(child.pid)?.comm === 'portlens-very-l', 'the sleeper to exec');
    expect(readProcessInfo(child.pid)).toMatchObject({
      name: 'portlens-very-long-sleeper',
      argv: [program, '600'],
      service: null,
    });
  });

  it('reads a name with spaces and parentheses', async () => {
    const program = join(children.tempDir(), 'a) b (c');
    copyFileSync('/bin/sleep', program);
    const child = await children.spawn(program, ['600'], { noReadyLine: true });
    await waitFor(() => readStat(child.pid)?.comm === 'a) b (c', 'the sleeper to exec');
    expect(readProcessInfo(child.pid)).toMatchObject({ name: 'a) b (c', exe: program });
  });

  it('gives a kernel thread an empty argv and no exe', () => {
    const kthreadd = readStat(2);
    if (kthreadd?.comm !== 'kthreadd') return expect.fail('pid 2 is not kthreadd on this kernel');
    expect(readProcessInfo(2)).toMatchObject({ pid: 2, name: 'kthreadd', argv: [], exe: null, ppid: 0 });
  });

  it('returns null for a missing pid, an exited process and a thread id', async () => {
    const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    expect(readProcessInfo(pidMax + 1)).toBeNull();

    const threads = readdirSync(`/proc/${process.pid}/task`)
      .map(Number)
      .filter((tid) => tid !== process.pid);
    expect(threads.length).toBeGreaterThan(0);
    expect(readProcessInfo(threads[0] as number)).toBeNull();

    const child = await children.node(IDLE);
    await children.stop(child);
    expect(readProcessInfo(child.pid)).toBeNull();
  });
});

describe('displayName', () => {
  it('keeps names under 15 bytes and extends truncated ones only from a matching argv[0] or exe', () => {
    expect(displayName('node', ['/usr/bin/node'], '/usr/bin/node')).toBe('node');
    expect(displayName('chrome_crashpad', ['/opt/google/chrome/chrome_crashpad_handler'], null)).toBe(
      'chrome_crashpad_handler',
    );
    expect(displayName('systemd-journal', [], '/usr/lib/systemd/systemd-journald (deleted)')).toBe(
      'systemd-journald',
    );
    expect(displayName('kworker/u8:0-ev', [], null)).toBe('kworker/u8:0-ev');
    expect(displayName('renamed-by-prct', ['/usr/bin/python3'], '/usr/bin/python3.11')).toBe(
      'renamed-by-prct',
    );
  });
});
