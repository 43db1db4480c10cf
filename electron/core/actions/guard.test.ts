import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parentChain, readStat } from '../owners/index.js';
import { guardContext, guardProcess } from './guard.js';
import { isKernelThread } from './proc-extra.js';
import type { ProcessReader, ProcStatLite } from './deps.js';
import { createProcReader } from './process-reader.js';

// Every refusal is proven on the guard: these pids are never signalled.
const reader = createProcReader();
const context = guardContext(reader, process.pid);
const subjectOf = (pid: number): { pid: number; ppid: number; name: string } => {
  const stat = readStat(pid);
  if (!stat) throw new Error(`pid ${pid} vanished`);
  return { pid, ppid: stat.ppid, name: stat.comm };
};

/** A kernel thread visible here: a child of kthreadd (ppid 2). */
function someKernelThread(): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (readStat(Number(name))?.ppid === 2) return Number(name);
  }
  throw new Error('no kernel thread visible in /proc');
}

describe('guardProcess (real /proc)', () => {
  it('refuses pid 1', () => {
    expect(guardProcess(subjectOf(1), context)).toMatch(/init process/);
  });

  it('refuses PortLens itself', () => {
    expect(guardProcess(subjectOf(process.pid), context)).toMatch(/PortLens itself/);
  });

  it('refuses every ancestor of PortLens', () => {
    const ancestors = parentChain(process.pid).filter((info) => info.pid !== 1);
    expect(ancestors.length).toBeGreaterThan(0);
    for (const ancestor of ancestors)
      expect(guardProcess(subjectOf(ancestor.pid), context)).toMatch(/ancestor of PortLens/);
  });

  it('refuses kernel threads, by ppid 2 and by the PF_KTHREAD flag alone', () => {
    const kthread = someKernelThread();
    expect(guardProcess(subjectOf(kthread), context)).toMatch(/kernel thread/);
    expect(guardProcess(subjectOf(2), context)).toMatch(/kernel thread/);
    // Pretend it had another parent: the task flags still say kernel thread.
    expect(isKernelThread(kthread, 12345)).toBe(true);
  });

  it("refuses a thread id of PortLens itself (it reads like its process, and kill(tid) would hit it)", () => {
    // Node runs libuv and V8 threads: any task of ours other than the main one is a thread id.
    const tid = readdirSync(`/proc/${process.pid}/task`).map(Number).find((task) => task !== process.pid);
    expect(tid).toBeDefined();
    expect(guardProcess({ pid: tid!, ppid: process.ppid, name: 'node' }, context)).toMatch(/thread id/);
  });

  it('lets an ordinary process through', () => {
    // Our own process is not a kernel thread by its flags (the guard refuses it for being us).
    expect(isKernelThread(process.pid, process.ppid)).toBe(false);
    const stranger = { pid: 999_999_999, ppid: process.pid, name: 'stranger' };
    expect(guardProcess(stranger, context)).toBeNull();
  });
});

/**
 * A stand-in reader over a made-up Windows process table (Windows cannot run here): pid, parent,
 * CreationDate in ms. Nothing is signalled; only the guard's answers are read.
 */
function windowsStandIn(table: ReadonlyArray<[pid: number, ppid: number, createdAt: number]>): ProcessReader {
  const stat = (pid: number): ProcStatLite | null => {
    const row = table.find(([p]) => p === pid);
    return row ? { pid, comm: `p${pid}.exe`, state: 'R', ppid: row[1], startTime: row[2] } : null;
  };
  return { stat, info: () => null, environ: () => ({ ok: false, reason: 'permission' }), descendants: () => [], isKernelThread: (pid) => pid === 0 || pid === 4, gid: () => null };
}

describe('guardProcess on Windows (stand-in reader)', () => {
  const windows = guardContext(windowsStandIn([[500, 400, 3000]]), 500, 'win32');
  const refusal = (name: string, exe?: string | null): string | null => guardProcess({ pid: 700, ppid: 600, name, exe }, windows);

  it('refuses the processes whose end stops or restarts Windows, from System32 or an unknown path, and says why', () => {
    for (const name of ['smss.exe', 'csrss.exe', 'wininit.exe', 'winlogon.exe', 'services.exe', 'lsass.exe', 'lsaiso.exe', 'LSASS.EXE']) {
      expect(refusal(name)).toBe(`pid 700 (${name}) is a critical Windows process; ending it makes Windows stop with a blue screen or restart`);
      expect(refusal(name, null)).toMatch(/critical Windows process/);
      expect(refusal(name, `C:\\Windows\\System32\\${name}`)).toMatch(/critical Windows process/);
    }
    // The spellings Windows itself uses for a system process's path.
    expect(refusal('smss.exe', '\\SystemRoot\\System32\\smss.exe')).toMatch(/critical/);
    expect(refusal('lsass.exe', '\\\\?\\C:\\WINDOWS\\system32\\lsass.exe')).toMatch(/critical/);
    expect(refusal('csrss.exe', '\\??\\C:\\Windows\\System32\\csrss.exe')).toMatch(/critical/);
  });

  it('refuses every svchost.exe: it hosts Windows services, which restart through the Services app or Restart-Service', () => {
    expect(refusal('svchost.exe', 'C:\\Windows\\system32\\svchost.exe')).toMatch(/^pid 700 \(svchost\.exe\) hosts Windows services.*restart the service instead, in the Services app or with Restart-Service$/);
    expect(refusal('svchost.exe')).toMatch(/hosts Windows services/);
    // Restarting the one service it hosts is that advice (Restart-Service), not ending the host.
    const throughService = (name: string): string | null => guardProcess({ pid: 700, ppid: 600, name, exe: null, restartsItsService: true }, windows);
    expect(throughService('svchost.exe')).toBeNull();
    expect(throughService('lsass.exe')).toMatch(/critical Windows process/);
  });

  it('refuses them from any drive\'s System32 or SysWOW64 even when %SystemRoot% names another directory', () => {
    const moved = { ...windows, windowsSystem32: 'D:\\Mine\\System32' };
    const refused = (name: string, exe: string): string | null => guardProcess({ pid: 700, ppid: 600, name, exe }, moved);
    expect(refused('csrss.exe', 'C:\\Windows\\System32\\csrss.exe')).toMatch(/critical Windows process/);
    expect(refused('lsass.exe', 'C:\\Windows\\system32\\lsass.exe')).toMatch(/critical Windows process/);
    expect(refused('svchost.exe', 'C:\\Windows\\SysWOW64\\svchost.exe')).toMatch(/hosts Windows services/);
    expect(refused('lsass.exe', 'C:\\Users\\dev\\lsass.exe')).toBeNull();
  });

  it('lets a program of the same name elsewhere through (a path outside System32, `..` resolved), and any other program', () => {
    expect(refusal('svchost.exe', 'C:\\Users\\dev\\tools\\svchost.exe')).toBeNull();
    expect(refusal('csrss.exe', 'C:\\Windows\\System32\\..\\Temp\\csrss.exe')).toBeNull();
    expect(refusal('lsass.exe', 'C:\\Windows\\System32Evil\\lsass.exe')).toBeNull();
    expect(refusal('node.exe', 'C:\\Windows\\System32\\node.exe')).toBeNull();
  });

  it('refuses none of them by name on Linux or macOS', () => {
    expect(guardProcess({ pid: 999_999_999, ppid: process.pid, name: 'svchost.exe' }, context)).toBeNull();
    expect(guardProcess({ pid: 999_999_999, ppid: process.pid, name: 'lsass.exe', exe: null }, context)).toBeNull();
  });

  it('stops the ancestor chain at a parent created after its child (a reused pid) or gone; elsewhere the chain is unchanged', () => {
    // PortLens (500) ← 400 (its real parent) ← 300 (created after 400: pid 300 was reused) ← 200.
    const table: Array<[number, number, number]> = [[500, 400, 3000], [400, 300, 2000], [300, 200, 5000], [200, 0, 100]];
    expect([...guardContext(windowsStandIn(table), 500, 'win32').ancestors]).toEqual([400]);
    expect(guardProcess({ pid: 300, ppid: 200, name: 'later.exe' }, guardContext(windowsStandIn(table), 500, 'win32'))).toBeNull();
    // 400 is gone: the pid in PortLens's row names no live ancestor.
    expect([...guardContext(windowsStandIn([[500, 400, 3000]]), 500, 'win32').ancestors]).toEqual([]);
    // Linux and macOS: every parent pid, as before (their kernels reparent orphans, so a ppid is alive).
    expect([...guardContext(windowsStandIn(table), 500, 'linux').ancestors]).toEqual([400, 300, 200]);
    expect([...guardContext(windowsStandIn(table), 500, 'darwin').ancestors]).toEqual([400, 300, 200]);
  });
});
