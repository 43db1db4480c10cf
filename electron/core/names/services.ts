/**
 * Well-known service names by port and protocol, from the services database (`/etc/services`,
 * as getservbyport reads it): `5432/tcp` → `postgresql`. Read once, lazily; a machine without
 * the file has no names (and says nothing wrong).
 */
import { readFileSync } from 'node:fs';

export type ServiceTable = ReadonlyMap<string, string>;

/** Parses services(5) text: `name port/protocol [aliases…] [# comment]`; the first name per port wins. */
export function parseServices(text: string): ServiceTable {
  const table = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^(\S+)\s+(\d{1,5})\/(tcp|udp)\b/.exec(line);
    if (!match) continue;
    const key = `${Number(match[2])}/${match[3]}`;
    if (!table.has(key)) table.set(key, match[1] as string);
  }
  return table;
}

let system: ServiceTable | undefined;

/** The system's table (`/etc/services`), empty where there is none. */
export function systemServices(file = '/etc/services'): ServiceTable {
  if (system === undefined) {
    try {
      system = parseServices(readFileSync(file, 'utf8'));
    } catch {
      system = new Map();
    }
  }
  return system;
}

/** The service name of `port` for `protocol`, or null. */
export function serviceName(port: number, protocol: 'tcp' | 'udp', table: ServiceTable = systemServices()): string | null {
  return table.get(`${port}/${protocol}`) ?? null;
}
