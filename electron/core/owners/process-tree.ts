/** A process's ancestors and descendants, from the ppid field of /proc/<pid>/stat. */
import { readdirSync } from 'node:fs';
import type { ProcessInfo } from '../model.js';
import type { ProcessCache } from './process-cache.js';
import { readProcessInfo } from './process-info.js';
import { pidFromName } from './proc-files.js';
import { readStat } from './proc-stat.js';

/** No real chain is this deep; the bound stops a runaway walk if /proc ever lies. */
const MAX_DEPTH = 4096;

/**
 * The ancestors of `pid`, parent first, up to and including pid 1 (or the last one that still
 * exists). Empty for pid 1, for a pid that does not exist, and for kernel threads' parent 0.
 */
export function parentChain(pid: number, cache?: ProcessCache): ProcessInfo[] {
  const read = (id: number): ProcessInfo | null => (cache ? cache.get(id) : readProcessInfo(id));
  return parentChainFrom(pid, readStat(pid)?.ppid ?? 0, read);
}

/** The ancestors of `pid`, whose parent is `parent`, each read by `read` (any process source). */
export function parentChainFrom(pid: number, parent: number, read: (pid: number) => ProcessInfo | null): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  const seen = new Set<number>([pid]);
  let ppid = parent;
  while (ppid > 0 && !seen.has(ppid) && chain.length < MAX_DEPTH) {
    seen.add(ppid);
    const parent = read(ppid);
    if (!parent) break;
    chain.push(parent);
    ppid = parent.ppid;
  }
  return chain;
}

/**
 * Every descendant of `pid` (children, then grandchildren, ...), from one pass over
 * /proc/<pid>/stat of all processes. Processes that exit during the pass are skipped.
 */
export function childrenOf(pid: number): number[] {
  const parents: { pid: number; ppid: number }[] = [];
  for (const name of readdirSync('/proc')) {
    const child = pidFromName(name);
    if (Number.isNaN(child)) continue;
    const stat = readStat(child);
    if (stat) parents.push({ pid: child, ppid: stat.ppid });
  }
  return descendantsIn(parents, pid);
}

/** Every descendant of `pid` in a table of (pid, ppid) pairs, children first, each level by pid. */
export function descendantsIn(parents: Iterable<{ pid: number; ppid: number }>, pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const { pid: child, ppid } of parents) {
    const siblings = byParent.get(ppid);
    if (siblings) siblings.push(child);
    else byParent.set(ppid, [child]);
  }
  const found: number[] = [];
  const seen = new Set<number>([pid]);
  const queue = [pid];
  for (let i = 0; i < queue.length; i++) {
    const children = byParent.get(queue[i] ?? 0) ?? [];
    children.sort((a, b) => a - b);
    for (const child of children) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
