/** `explain`: plain-language facts about a port and an address, and what is on it now. */
import type { Explanation, Finding } from '../../contract/diagnose-model.js';
import { hostPort, isLoopbackIp, LOCALHOST_ADDRESSES } from '../../contract/reachability.js';
import type { IpAddress } from '../../contract/target-address.js';
import type { Snapshot } from '../model.js';
import { CATEGORY_WORDS, DEVELOPER_PORTS, portCategory, serviceNames } from './known-ports.js';
import { listenerFacts, listenersOnPort, ownerWords } from './listener-facts.js';
import { isReserved, readEphemeralRange, type EphemeralRange } from './local-ports.js';
import { readTargetText } from './target-text.js';

/** Explains `text` (`62893`, `127.0.0.1:62893`, `localhost:619009`, a URL) against a snapshot. */
export function explain(text: string, snapshot: Snapshot | null, range = readEphemeralRange()): Explanation {
  const target = readTargetText(text);
  const facts: Finding[] = target.problems.map((message) => ({ code: 'impossible', severity: 'error', message }));
  const port = target.port;
  const services =
    port === null
      ? []
      : [
          ...serviceNames(port).map((name) => ({ name, source: 'services' as const, note: `${name} in the system's services database (/etc/services)` })),
          ...[DEVELOPER_PORTS.get(port)].flatMap((known) => (known ? [{ name: known.name, source: 'developer' as const, note: known.note }] : [])),
        ];
  if (port !== null) {
    facts.push({ code: 'category', severity: 'info', message: `${port} is ${CATEGORY_WORDS[portCategory(port)]}.` });
    const ephemeral = range && ephemeralFact(port, range);
    if (ephemeral) facts.push(ephemeral);
    for (const service of services) facts.push({ code: `service-${service.source}`, severity: 'info', message: `Usually: ${service.note}.` });
  }
  const meaning = addressMeaning(target.host, target.ip);
  if (meaning) facts.push({ code: 'address', severity: 'info', message: meaning });
  const targets = target.host === 'localhost' ? LOCALHOST_ADDRESSES : target.ip ? [target.ip] : [];
  const listeners = port !== null && snapshot ? listenerFacts([...listenersOnPort(snapshot, port), ...listenersOnPort(snapshot, port, 'udp')], snapshot, targets) : [];
  if (port !== null && snapshot) facts.push(...nowFacts(port, target.host, listeners, snapshot));
  return {
    input: target.input,
    port,
    host: target.host,
    category: port === null ? null : portCategory(port),
    ephemeral: port === null || !range ? null : { low: range.low, high: range.high, inRange: port >= range.low && port <= range.high, reserved: isReserved(range, port) },
    services,
    listeners,
    facts,
  };
}

function ephemeralFact(port: number, range: EphemeralRange): Finding {
  const span = `${range.low}–${range.high}`;
  if (isReserved(range, port))
    return { code: 'ephemeral-reserved', severity: 'info', message: `${port} is reserved (ip_local_reserved_ports): the kernel never picks it as a temporary port.` };
  if (port >= range.low && port <= range.high)
    return {
      code: 'ephemeral-in',
      severity: 'info',
      message: `${port} is in this machine's ephemeral range ${span} (ip_local_port_range): the kernel may have picked it, for the local end of an outgoing connection or a server that asked for "any free port".`,
    };
  return {
    code: 'ephemeral-out',
    severity: 'info',
    message: `${port} is outside this machine's ephemeral range ${span} (ip_local_port_range), so the kernel did not pick it: a program chose it on purpose (or was configured to).`,
  };
}

function addressMeaning(host: string | null, ip: IpAddress | null): string | null {
  if (host === 'localhost')
    return 'localhost is a name for this machine: 127.0.0.1 (IPv4) and/or ::1 (IPv6), as /etc/hosts and the resolver say; a client may try either, in either order.';
  if (!ip) return host ? `${host} is a host name: explain does not resolve it; give the address.` : null;
  if (ip.address === '0.0.0.0')
    return '0.0.0.0 as a bind address means every IPv4 interface of this machine; as a destination Linux connects to this machine.';
  if (ip.address === '::') return ':: as a bind address means every IPv6 interface (and IPv4 too unless the socket is IPv6-only).';
  if (isLoopbackIp(ip))
    return ip.family === 4
      ? `${ip.address} is loopback (127.0.0.0/8): traffic to it never leaves this machine; only programs here can connect, and only to a server bound to ${ip.address} or 0.0.0.0.`
      : '::1 is IPv6 loopback: traffic to it never leaves this machine; only programs here can connect, and only to a server bound to ::1 or ::.';
  return `${ip.address} is an address of this machine's network interfaces: other machines can reach a server bound to it unless a firewall blocks them.`;
}

function nowFacts(port: number, host: string | null, listeners: Explanation['listeners'], snapshot: Snapshot): Finding[] {
  const facts: Finding[] = listeners.map((l) => ({
    code: 'listener',
    severity: 'info',
    message: `Now: ${ownerWords(l)} listens on ${hostPort(l.localAddress, port)}${l.protocol === 'udp' ? '/udp' : ''} (${l.reach})${host ? (l.accepts ? `, which accepts ${host}` : `, which does NOT accept ${host}`) : ''}.`,
  }));
  if (listeners.length === 0) facts.push({ code: 'nothing', severity: 'info', message: `Now: nothing listens on port ${port}.` });
  const outgoing = snapshot.sockets.filter((row) => row.localPort === port && row.remotePort !== null && row.state !== 'LISTEN').length;
  if (outgoing > 0 && listeners.length === 0)
    facts.push({ code: 'connection-end', severity: 'info', message: `${outgoing} connection${outgoing > 1 ? 's use' : ' uses'} ${port} as the local end (a client's temporary port, not a server).` });
  return facts;
}
