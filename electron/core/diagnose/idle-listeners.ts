/**
 * Unused ports ("close unused ports"): listeners with no activity for a while, and orphans —
 * development servers whose terminal is gone (re-parented to init or to a user's service
 * manager, and not a service of their own).
 */
import type { IdleListener } from '../../contract/diagnose-model.js';
import { isListening } from '../../contract/row-fields.js';
import type { Snapshot } from '../model.js';
import { DEVELOPER_PORTS } from './known-ports.js';
import { listenerFacts } from './listener-facts.js';

/** Default idle threshold: 30 minutes. */
export const DEFAULT_IDLE_MS = 30 * 60_000;

/** Why a process is an orphan, or null. */
export function orphanReason(pid: number, snapshot: Snapshot): string | null {
  const info = snapshot.processes[String(pid)];
  if (!info || info.service !== null) return null;
  const parent = snapshot.processes[String(info.ppid)];
  if (info.ppid === 1) return 're-parented to init (pid 1): the terminal or tool that started it is gone';
  if (parent && parent.name === 'systemd' && parent.uid !== 0) return `re-parented to ${parent.user}'s service manager (systemd --user): the terminal that started it is gone`;
  return null;
}

/** The listeners idle for at least `idleMs` (by `lastActive`), and the orphans, most idle first. */
export function idleListeners(
  snapshot: Snapshot,
  lastActive: (row: { protocol: 'tcp' | 'udp'; localPort: number }) => number,
  idleMs: number,
  now = snapshot.time,
): IdleListener[] {
  const rows = snapshot.sockets.filter((row) => isListening(row) && row.localPort > 0);
  const out: IdleListener[] = [];
  for (const [i, fact] of listenerFacts(rows, snapshot, []).entries()) {
    const row = rows[i]!;
    const last = lastActive(row);
    const idleFor = Math.max(0, now - last);
    const orphan = fact.pid === null ? null : orphanReason(fact.pid, snapshot);
    // An orphan counts when it looks like a development server: a known dev port or a dev tool.
    const devLike = DEVELOPER_PORTS.get(fact.localPort)?.risk === 'dev-server' || /^(node|python3?|ruby|php|deno|bun|java)$/.test(fact.name ?? '');
    const isOrphan = orphan !== null && devLike;
    if (idleFor < idleMs && !isOrphan) continue;
    out.push({ ...fact, lastActive: last, idleMs: idleFor, idle: idleFor >= idleMs, orphan: isOrphan ? orphan : null });
  }
  return out.sort((a, b) => b.idleMs - a.idleMs || a.localPort - b.localPort);
}
