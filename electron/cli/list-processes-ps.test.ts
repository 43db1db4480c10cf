// `portlens list --json --processes ps` (the macOS process reader: ps and lsof) against the
// default /proc reader, end to end through the CLI, on a real listener here on Linux.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInfo, SocketRow } from '../contract/model.js';
import { argvOf } from '../core/owners/ps/ps-columns.js';
import { type Child, startChild, stopAllChildren, tcpListenerScript } from '../test-support/children.js';
import { withoutTools } from '../test-support/system-tools.js';
import { cli } from './test-support/captured-cli.js';

type ListedRow = SocketRow & { process: ProcessInfo | null };

async function listJson(...args: string[]): Promise<{ rows: ListedRow[]; stderr: string }> {
  const { code, stdout, stderr } = await cli('list', '--json', ...args);
  expect(code, stderr).toBe(0);
  return { rows: JSON.parse(stdout) as ListedRow[], stderr };
}

const noTools = withoutTools('ps', 'lsof', 'id');

describe.skipIf(noTools)('list --processes ps matches the /proc reader on a real listener', () => {
  let dir = '';
  let child: Child;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portlens list ps '));
    child = await startChild(tcpListenerScript('127.0.0.1'), { args: ['an argument'], cwd: dir });
  });
  afterAll(async () => {
    await stopAllChildren();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same row and the same owner: pid, ppid, name, user, cwd, argv as args tells it, start to the second', async () => {
    const port = String(child.ready.port);
    const proc = (await listJson('--port', port, '--processes', 'proc')).rows;
    const { rows: ps, stderr } = await listJson('--port', port, '--processes', 'ps');
    expect(stderr).toBe('');
    expect(ps.map((row) => [row.localAddress, row.localPort, row.state, row.pids])).toEqual(
      proc.map((row) => [row.localAddress, row.localPort, row.state, row.pids]),
    );
    const [mine] = proc;
    const [theirs] = ps;
    expect(mine?.process?.pid).toBe(child.pid);
    const { pid, ppid, name, uid, user, cwd } = mine?.process as ProcessInfo;
    expect(theirs?.process).toMatchObject({ pid, ppid, name, uid, user, cwd: dir, exe: null });
    expect(cwd).toBe(dir);
    expect(theirs?.process?.argv).toEqual(argvOf(mine?.process?.argv.join(' ') ?? ''));
    expect(theirs?.process?.startTime).toBe(Math.floor((mine?.process?.startedAt ?? 0) / 1000));
  });

  it('refuses an unknown --processes value', async () => {
    const { code, stderr } = await cli('list', '--processes', 'sysctl');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--processes must be one of proc, ps, got "sysctl"/);
  });
});
