/** Findings about the listeners on the port: who accepts the target, who does not, and who is stuck. */
import type { Finding, ListenerFact } from '../../contract/diagnose-model.js';
import { hostPort } from '../../contract/reachability.js';
import type { Snapshot } from '../model.js';
import { ownerWords } from './listener-facts.js';
import type { NearMiss } from './near-miss.js';
import { notAcceptingReason } from './verdict.js';

export function listenerFindings(
  port: number,
  listeners: readonly ListenerFact[],
  misses: readonly NearMiss[],
  snapshot: Snapshot | null,
  overflowsBefore: number | null,
  overflowsAfter: number | null,
): Finding[] {
  const findings: Finding[] = [];
  if (snapshot && listeners.length === 0) {
    const udp = snapshot.sockets.some((row) => row.protocol === 'udp' && row.localPort === port);
    findings.push({ code: 'nothing-listening', severity: 'error', message: `Nothing listens on TCP port ${port}${udp ? ' (a UDP socket is bound to it: UDP does not accept TCP clients)' : ''}` });
  }
  for (const l of listeners) {
    const where = `${ownerWords(l)} listens on ${hostPort(l.localAddress, l.localPort)} (${l.reach})`;
    if (l.accepts) findings.push({ code: 'listener-accepts', severity: 'info', message: `${where}: accepts this target (${l.fit})` });
    const reason = l.accepts ? notAcceptingReason(l) : null;
    if (reason === 'stopped') findings.push({ code: 'owner-stopped', severity: 'error', message: `${ownerWords(l)} is stopped (state T): the kernel completes connections but nothing accepts or answers them` });
    if (reason === 'zombie') findings.push({ code: 'owner-zombie', severity: 'error', message: `${ownerWords(l)} is a zombie (state Z): it has exited and its socket is not served` });
    if (reason === 'queue-full') findings.push({ code: 'accept-queue-full', severity: 'error', message: `The accept queue of ${hostPort(l.localAddress, l.localPort)} is full (Recv-Q ${l.acceptQueue} ≥ backlog ${l.backlog}): the server is not calling accept(), new connections are dropped` });
  }
  for (const miss of misses) findings.push({ code: `mismatch-${miss.why}`, severity: 'error', message: miss.message });
  if (overflowsBefore !== null && overflowsAfter !== null && overflowsAfter > overflowsBefore)
    findings.push({ code: 'listen-overflows', severity: 'warning', message: `The kernel's ListenOverflows counter rose by ${overflowsAfter - overflowsBefore} during this run: some listener's accept queue is overflowing` });
  return findings;
}
