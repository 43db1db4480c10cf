/**
 * The exposure audit ("keep ports secure"): every listener the network can reach (a wildcard or
 * a non-loopback address), by process, with the firewall's verdict where readable, and a
 * warning for services that should never face a network unprotected.
 */
import type { AuditReport, ExposedListener } from '../../contract/diagnose-model.js';
import { isListening } from '../../contract/row-fields.js';
import type { Snapshot } from '../model.js';
import { readFirewall } from './checks/firewall.js';
import { DEVELOPER_PORTS, exposureWarning, serviceNames } from './known-ports.js';
import { listenerFacts } from './listener-facts.js';

export async function audit(snapshot: Snapshot, timeoutMs = 2000): Promise<AuditReport> {
  const rows = snapshot.sockets.filter((row) => isListening(row) && row.scope !== 'loopback' && row.localPort > 0);
  const tcpPorts = [...new Set(rows.filter((row) => row.protocol === 'tcp').map((row) => row.localPort))];
  const firewall = await readFirewall(tcpPorts, timeoutMs);
  const facts = listenerFacts(rows, snapshot, []);
  const exposed: ExposedListener[] = facts.map((fact) => {
    const rule = fact.protocol === 'tcp' ? firewall.rules.find((r) => r.port === fact.localPort) : undefined;
    const verdict =
      firewall.state === 'unknown' ? firewall.summary : rule ? `filtered (${rule.tool} ${rule.text})` : fact.protocol === 'tcp' ? 'open' : 'not checked (UDP)';
    const service = DEVELOPER_PORTS.get(fact.localPort)?.note ?? serviceNames(fact.localPort, fact.protocol)[0] ?? null;
    return { ...fact, firewall: verdict, service, warning: rule ? null : exposureWarning(fact.localPort, fact.protocol) };
  });
  exposed.sort((a, b) => (a.name ?? '~').localeCompare(b.name ?? '~') || (a.pid ?? 0) - (b.pid ?? 0) || a.localPort - b.localPort);
  return { exposed, warnings: exposed.filter((e) => e.warning !== null).length, firewall: firewall.summary };
}
