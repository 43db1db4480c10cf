/**
 * `diagnose`: why can't I reach this address:port? Runs the checks that matter for the target
 * (each bounded in time; the whole run within `budgetMs`, 3 s by default) and ends with one
 * verdict and concrete next steps. Every probe is read-only for the service probed.
 */
import type { DiagnoseReport, Finding, Probe } from '../../contract/diagnose-model.js';
import type { Snapshot } from '../model.js';
import { bounded } from './bounded.js';
import { readAcceptQueues, readListenOverflows } from './checks/accept-queue.js';
import { ephemeralFindings } from './checks/ephemeral-pressure.js';
import { readFirewall, type FirewallReading } from './checks/firewall.js';
import { loopbackFindings } from './checks/loopback-config.js';
import { proxyFindings } from './checks/proxy-env.js';
import { resolveHost } from './checks/resolve-host.js';
import { serviceProbe } from './checks/service-probe.js';
import { tcpProbe } from './checks/tcp-probe.js';
import { DEVELOPER_PORTS, serviceNames } from './known-ports.js';
import { listenerFacts, listenersOnPort } from './listener-facts.js';
import { readEphemeralRange } from './local-ports.js';
import { nearMisses, type NearMiss } from './near-miss.js';
import { readIp } from '../../contract/target-address.js';
import { nextSteps } from './next-steps.js';
import { readTargetText, isLocalIp } from './target-text.js';
import { listenerFindings } from './listener-findings.js';
import { verdictOf } from './verdict.js';

export interface DiagnoseOptions {
  /** A fresh snapshot of the machine's sockets. */
  snapshot: () => Promise<Snapshot>;
  /** The whole run's budget; 3000 ms by default. */
  budgetMs?: number;
  /** The caller's environment, for proxy variables. */
  env?: NodeJS.ProcessEnv;
  /** How the user runs PortLens, for commands in next steps. */
  commandName?: string;
}

export const DEFAULT_BUDGET_MS = 3000;

const UNKNOWN_FIREWALL: FirewallReading = { state: 'unknown', rules: [], summary: 'not read in time', findings: [] };

export async function diagnose(text: string, options: DiagnoseOptions): Promise<DiagnoseReport> {
  const started = performance.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const left = (): number => Math.max(0, budget - (performance.now() - started));
  const target = readTargetText(text);
  const base = { host: target.host, port: target.port, scheme: target.scheme, input: target.input };
  const problems: Finding[] = target.problems.map((message) => ({ code: 'impossible', severity: 'error', message }));
  if (target.port === null)
    return { target: { ...base, addresses: [] }, verdict: null, listeners: [], probes: [], findings: problems, nextSteps: [{ text: 'Check the port number in the message or URL you copied: ports are 0–65535', action: null }], elapsedMs: elapsed(started) };
  const port = target.port;
  const local = target.ip === null || isLocalIp(target.ip);
  const phase = Math.min(left() * 0.45, 1500);
  const overflowsBefore = readListenOverflows();
  const [snapshot, resolution, localhost, firewall, queues] = await Promise.all([
    bounded(() => options.snapshot(), phase, null),
    resolveHost(target.host, target.ip, Math.min(phase, 800)),
    target.host === null || target.host === 'localhost' ? null : resolveHost('localhost', null, Math.min(phase, 800)),
    bounded(() => readFirewall([port], Math.min(phase, 1000)), phase, UNKNOWN_FIREWALL),
    bounded(() => readAcceptQueues(port, Math.min(phase, 800)), phase, new Map()),
  ]);
  const addresses = resolution.addresses;
  const connectTimeout = Math.max(100, Math.min(1000, left() * 0.4));
  const connects = await Promise.all(addresses.map((ip) => tcpProbe(ip.address, port, connectTimeout)));
  const rows = snapshot && local ? listenersOnPort(snapshot, port) : [];
  const host = target.host ?? 'localhost';
  const localhostIps = (localhost ?? resolution).addresses;
  const misses = snapshot ? nearMisses({ address: host, ips: addresses, localhost: localhostIps }, port, rows, snapshot.processes) : [];
  // Nothing answered here: ask what speaks where the near miss listens, so "connect there" can
  // be an Open link when it is a web server.
  const connected = connects.find((probe) => probe.outcome === 'connected');
  const elsewhere = connected ? null : nearMissAddress(misses);
  const hint = DEVELOPER_PORTS.get(port)?.name ?? serviceNames(port)[0] ?? null;
  const serviceAt = connected?.address ?? elsewhere;
  const service = serviceAt && left() > 250 ? await serviceProbe(serviceAt, port, Math.min(1200, left() - 150), hint) : null;
  const overflowsAfter = readListenOverflows();

  const listeners = snapshot ? listenerFacts(rows, snapshot, addresses, queues) : [];
  const verdict = verdictOf({ listeners, connects, firewall, local });
  const findings: Finding[] = [
    ...problems,
    ...resolution.findings,
    ...(snapshot ? [] : [{ code: 'no-snapshot', severity: 'warning' as const, message: 'The socket table was not read in time: listeners are unknown' }]),
    ...listenerFindings(port, listeners, misses, snapshot, overflowsBefore, overflowsAfter),
    ...connects.map(connectFinding),
    ...(service ? [serviceFinding(service)] : []),
    ...firewall.findings,
    ...loopbackFindings(),
    ...proxyFindings(host, port, options.env ?? process.env, snapshot),
    ...ephemeralFindings(snapshot, readEphemeralRange()),
  ];
  const steps = nextSteps({ verdict, port, host, scheme: target.scheme, listeners, nearMisses: misses, rules: firewall.rules, service, commandName: options.commandName ?? 'portlens' });
  return {
    target: { ...base, addresses: addresses.map((ip) => ip.address) },
    verdict,
    listeners,
    probes: [...connects, ...(service ? [service] : [])],
    findings,
    nextSteps: steps,
    elapsedMs: elapsed(started),
  };
}

/** The IP a near miss says to connect to instead (`[::1]:8766` → `::1`), if it is one. */
function nearMissAddress(misses: readonly NearMiss[]): string | null {
  const first = misses[0]?.connectTo[0];
  const host = first?.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host && readIp(host) ? host : null;
}

const elapsed = (started: number): number => Math.round(performance.now() - started);

function connectFinding(probe: Probe): Finding {
  const where = probe.address.includes(':') ? `[${probe.address}]:${probe.port}` : `${probe.address}:${probe.port}`;
  const words: Record<Probe['outcome'], string> = {
    connected: `connected in ${probe.latencyMs} ms`,
    refused: 'refused (nothing accepts there, or a firewall rejects)',
    reset: 'reset by the other end',
    timeout: `no answer (${probe.detail ?? 'timed out'}): dropped by a firewall, or the listener's queue is full`,
    unreachable: `unreachable (${probe.detail ?? ''})`,
    error: `failed (${probe.detail ?? 'error'})`,
    'no-answer': 'no answer',
  };
  return { code: `connect-${probe.outcome}`, severity: probe.outcome === 'connected' ? 'info' : 'error', message: `TCP connect to ${where}: ${words[probe.outcome]}` };
}

function serviceFinding(probe: Probe): Finding {
  if (probe.outcome !== 'connected')
    return { code: 'service-silent', severity: 'warning', message: `The port accepted the connection but did not answer a request (${probe.detail ?? 'no answer'}): the server may be stopped, hung or busy` };
  return { code: `service-${probe.service ?? 'unknown'}`, severity: 'info', message: `It speaks ${probe.service ?? 'an unknown protocol'}: ${probe.detail ?? ''}` };
}
