/**
 * Collapses dual-stack twins: a server that listens on both 0.0.0.0 and :: (or 127.0.0.1 and
 * ::1) opens two sockets for one port; people think of it as one port, so it is one entry.
 */
import type { PortEvent } from '../../contract/model.js';

/** One port as a notification names it: its event, and the other family's twin if any. */
export interface PortEntry {
  /** The IPv4 socket when there is a pair, else the only one. */
  primary: PortEvent;
  twin: PortEvent | null;
}

/**
 * Pairs IPv4 and IPv6 openings of the same protocol, port, owner and scope. Scope must match:
 * 127.0.0.1 with :: is not a twin, it exposes the port more widely, and saying so matters.
 * Order follows the first appearance of each entry.
 */
export function collapseDualStack(events: readonly PortEvent[]): PortEntry[] {
  const entries: PortEntry[] = [];
  for (const event of events) {
    const partner = entries.find((entry) => entry.twin === null && areTwins(entry.primary, event));
    if (!partner) {
      entries.push({ primary: event, twin: null });
    } else if (event.family === 4) {
      // Keep the IPv4 address in front: it is the form people type.
      partner.twin = partner.primary;
      partner.primary = event;
    } else {
      partner.twin = event;
    }
  }
  return entries;
}

function areTwins(a: PortEvent, b: PortEvent): boolean {
  return (
    a.family !== b.family &&
    a.protocol === b.protocol &&
    a.localPort === b.localPort &&
    a.scope === b.scope &&
    sameOwner(a, b)
  );
}

/** Owners match when they share a pid (fork and SO_REUSEPORT peers list several), or both are unknown. */
function sameOwner(a: PortEvent, b: PortEvent): boolean {
  const pidsA = a.pids.length ? a.pids : a.process ? [a.process.pid] : [];
  const pidsB = b.pids.length ? b.pids : b.process ? [b.process.pid] : [];
  if (!pidsA.length || !pidsB.length) return !pidsA.length && !pidsB.length;
  return pidsA.some((pid) => pidsB.includes(pid));
}
