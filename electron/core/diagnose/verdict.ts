/** The one verdict a diagnosis ends with, from what the checks found (pure, so tests can feed it). */
import type { ListenerFact, Probe, Verdict } from '../../contract/diagnose-model.js';
import type { FirewallReading } from './checks/firewall.js';

export interface VerdictInput {
  /** TCP listeners on the port (UDP ones cannot answer a TCP client). */
  listeners: readonly ListenerFact[];
  /** TCP connect probes, one per address tried, in the client's order. */
  connects: readonly Probe[];
  firewall: Pick<FirewallReading, 'state'>;
  /** False when the address is not this machine's: only the probes can tell. */
  local: boolean;
}

/** Why a listener that accepts the target does not take connections, or null. */
export function notAcceptingReason(listener: ListenerFact): 'stopped' | 'zombie' | 'queue-full' | null {
  if (listener.processState === 'T' || listener.processState === 't') return 'stopped';
  if (listener.processState === 'Z') return 'zombie';
  if (listener.acceptQueue !== null && listener.backlog !== null && listener.acceptQueue > 0 && listener.acceptQueue >= listener.backlog)
    return 'queue-full';
  return null;
}

export function verdictOf({ listeners, connects, firewall, local }: VerdictInput): Verdict {
  const connected = connects.some((probe) => probe.outcome === 'connected');
  if (local) {
    if (listeners.length === 0) return connected ? 'reachable' : 'nothing-listening';
    const accepting = listeners.filter((l) => l.accepts);
    if (accepting.length === 0)
      return listeners.some((l) => l.fit === 'family' || l.fit === 'v6-only') ? 'family-mismatch' : 'address-mismatch';
    if (accepting.every((l) => notAcceptingReason(l) !== null)) return 'not-accepting';
  }
  if (connected) return 'reachable';
  if (firewall.state === 'blocked') return 'filtered';
  return connects.some((probe) => probe.outcome === 'timeout') ? 'timeout' : 'refused';
}
