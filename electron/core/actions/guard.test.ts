import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parentChain, readStat } from '../owners/index.js';
import { guardContext, guardProcess } from './guard.js';
import { isKernelThread } from './proc-extra.js';
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
