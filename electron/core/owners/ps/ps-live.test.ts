// The macOS process reader (ps + lsof) run live here on Linux, where procps's ps and lsof take the
// same options: what it reads about real child processes must be what /proc says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf } from '../../actions/identity.js';
import { readPrimaryGid } from '../../actions/proc-extra.js';
import { createProcReader } from '../../actions/process-reader.js';
import { createPsReader } from '../../actions/ps-process-reader.js';
import { processDetail } from '../../backend/process-detail.js';
import type { ProcessInfo } from '../../model.js';
import { type Child, startChild, stopAllChildren, tcpListenerScript } from '../../../test-support/children.js';
import { withoutTools } from '../../../test-support/system-tools.js';
import { readProcessInfo } from '../process-info.js';
import { childrenOf } from '../process-tree.js';
import { readStat } from '../proc-stat.js';
import { argvOf } from './ps-columns.js';
import { runToolAsync, type ToolCall } from './process-tools.js';
import { PsProcessTable } from './ps-process-table.js';

const noTools = withoutTools('ps', 'lsof', 'id');
/** Arguments with a space inside, two spaces, and none: what ps's `args` can and cannot tell. */
const ARGS = ['with space', 'two  spaces', 'plain'];

/** What ps must give as /proc does (exe aside: Linux's comm is not a path, so ps names no exe). */
function expectSameAsProc(ps: ProcessInfo | null, proc: ProcessInfo): void {
  expect(ps).not.toBeNull();
  const { pid, ppid, uid, user, name, cwd } = proc;
  expect(ps).toMatchObject({ pid, ppid, uid, user, name, cwd, exe: null, service: null });
  // `args` is argv joined by spaces: an argument's own spaces split it (documented in argvOf).
  expect(ps?.argv).toEqual(argvOf(proc.argv.join(' ')));
  // Start time to the second: lstart's resolution; the ps source's startTime is epoch seconds.
  expect(ps?.startTime).toBe(Math.floor(proc.startedAt / 1000));
  expect(ps?.startedAt).toBe((ps?.startTime ?? 0) * 1000);
}

describe.skipIf(noTools)('ps + lsof process reader, live against /proc', () => {
  let dir = '';
  let child: Child;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portlens ps cwd '));
    child = await startChild(tcpListenerScript('127.0.0.1'), { args: ARGS, cwd: dir });
  });

  afterAll(async () => {
    await stopAllChildren();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a child with spaces in argv and cwd as /proc does (pid, ppid, uid, user, name, argv, cwd, start)', () => {
    const proc = readProcessInfo(child.pid);
    expect(proc?.cwd).toBe(dir);
    expect(proc?.ppid).toBe(process.pid);
    expect(proc?.argv.slice(-3)).toEqual(ARGS);
    const ps = createPsReader().info(child.pid);
    expectSameAsProc(ps, proc as ProcessInfo);
    // What args cannot tell: the argument "with space" comes back as two.
    expect(ps?.argv.slice(-5)).toEqual(['with', 'space', 'two', 'spaces', 'plain']);
  });

  it('reads this test process too (another ppid, another cwd)', () => {
    const proc = readProcessInfo(process.pid) as ProcessInfo;
    expectSameAsProc(createPsReader().info(process.pid), proc);
  });

  it("the owner panel's detail reads the same process and ancestors through the ps reader", () => {
    const proc = processDetail(child.pid, null, createProcReader());
    const ps = processDetail(child.pid, null, createPsReader());
    expectSameAsProc(ps?.process ?? null, proc?.process as ProcessInfo);
    expect(ps?.parents.map((p) => [p.pid, p.ppid, p.user])).toEqual(proc?.parents.map((p) => [p.pid, p.ppid, p.user]));
    // A name Linux cut at 15 bytes that only the executable's path completes stays cut: Linux's
    // ps gives no path (macOS's comm is the path, so there the name is whole).
    for (const [i, parent] of (ps?.parents ?? []).entries()) {
      const full = proc?.parents[i]?.name ?? '';
      if (parent.name !== full) expect([full.startsWith(parent.name), Buffer.byteLength(parent.name)]).toEqual([true, 15]);
    }
    expect(ps?.parents[0]?.pid).toBe(process.pid);
    expect(ps?.environmentReadable).toBe(false); // ps cannot read another process's environment
  });

  it('stat, gid and descendants agree with /proc', () => {
    const reader = createPsReader();
    const stat = reader.stat(child.pid);
    const proc = readStat(child.pid);
    expect(stat).toMatchObject({ pid: child.pid, ppid: proc?.ppid, comm: proc?.comm });
    expect(stat?.state).toMatch(/^[RSD]$/);
    expect(reader.gid(child.pid)).toBe(readPrimaryGid(child.pid));
    // ps -A sees itself, a child of this process that is gone by the time /proc is read.
    const alive = reader.descendants(process.pid).filter((pid) => readStat(pid) !== null);
    expect(alive).toEqual(childrenOf(process.pid));
    expect(alive).toContain(child.pid);
    expect(reader.isKernelThread(child.pid, process.pid)).toBe(false);
  });

  it('the identity check says same for the live child, different for another start time, gone after it exits', async () => {
    const late = await startChild(tcpListenerScript('127.0.0.1'));
    const reader = createPsReader();
    const info = reader.info(late.pid) as ProcessInfo;
    expect(identityOf(reader, late.pid, info.startTime)).toBe('same');
    expect(identityOf(reader, late.pid, info.startTime - 1)).toBe('different');
    expect(reader.environ(late.pid)).toEqual({ ok: false, reason: 'permission' });
    await late.stop(); // SIGKILL to its own pid, and reaped
    expect(identityOf(reader, late.pid, info.startTime)).toBe('gone');
    expect(reader.info(late.pid)).toBeNull();
    expect(reader.environ(late.pid)).toEqual({ ok: false, reason: 'gone' });
  });

  it('the pipeline table reads new pids in full once, then confirms them with one ps call per poll', async () => {
    const calls: ToolCall[] = [];
    const table = new PsProcessTable({ run: (call) => (calls.push(call), runToolAsync(call)) });
    const pids = new Set([child.pid, process.pid]);
    await table.prepare(pids);
    expect(table.lastWarnings).toEqual([]);
    expectSameAsProc(table.get(child.pid), readProcessInfo(child.pid) as ProcessInfo);
    expectSameAsProc(table.get(process.pid), readProcessInfo(process.pid) as ProcessInfo);
    expect(calls.map((call) => call.command).slice(0, 3)).toEqual(['ps', 'lsof', 'ps']);
    calls.length = 0;
    await table.prepare(pids);
    expect(calls.map((call) => call.command)).toEqual(['ps']);
    expect(table.get(child.pid)?.cwd).toBe(dir);
  });

  it('forgets a process that exited by the next poll', async () => {
    const late = await startChild(tcpListenerScript('127.0.0.1'));
    const table = new PsProcessTable();
    await table.prepare(new Set([late.pid]));
    expect(table.get(late.pid)?.pid).toBe(late.pid);
    await late.stop();
    await table.prepare(new Set([late.pid]));
    expect(table.get(late.pid)).toBeNull();
    expect(table.lastWarnings).toEqual([]);
  });
});
