/**
 * This machine's ephemeral (local) port range: where the kernel picks the port of an outgoing
 * connection, or of a bind to port 0. Read from /proc each time (it can be tuned at run time).
 */
import { readFileSync } from 'node:fs';

export const PORT_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';
export const RESERVED_PORTS_FILE = '/proc/sys/net/ipv4/ip_local_reserved_ports';

export interface EphemeralRange {
  low: number;
  high: number;
  /** Ports the kernel never picks (ip_local_reserved_ports), as ranges. */
  reserved: Array<[number, number]>;
}

/** The range, or null where /proc does not have it (not Linux). */
export function readEphemeralRange(rangeFile = PORT_RANGE_FILE, reservedFile = RESERVED_PORTS_FILE): EphemeralRange | null {
  const range = /^\s*(\d+)\s+(\d+)\s*$/.exec(readOrEmpty(rangeFile));
  if (!range) return null;
  const reserved: Array<[number, number]> = [];
  for (const part of readOrEmpty(reservedFile).trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m) reserved.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return { low: Number(range[1]), high: Number(range[2]), reserved };
}

export function isReserved(range: EphemeralRange, port: number): boolean {
  return range.reserved.some(([low, high]) => port >= low && port <= high);
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
