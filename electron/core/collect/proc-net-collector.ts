/**
 * Last-resort collector: reads /proc/net/{tcp,tcp6,udp,udp6}. Always there on Linux, but slow
 * on big tables and without byte counters or cookies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CollectorError, ParseError } from '../model.js';
import type { Family, Protocol, RawSocket } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { parseProcNet } from './proc-net-parse.js';

/** Options for tests: read the files from another directory laid out like /proc/net. */
export interface ProcNetCollectorOptions {
  /** Directory holding tcp, tcp6, udp, udp6; `/proc/net` by default. */
  directory?: string;
}

const FILES: readonly { name: string; protocol: Protocol; family: Family }[] = [
  { name: 'tcp', protocol: 'tcp', family: 4 },
  { name: 'tcp6', protocol: 'tcp', family: 6 },
  { name: 'udp', protocol: 'udp', family: 4 },
  { name: 'udp6', protocol: 'udp', family: 6 },
];

/** Lists sockets from /proc/net; throws CollectorError when a file is unreadable or garbage. */
export class ProcNetCollector implements LinuxCollector {
  readonly source = 'proc' as const;
  private readonly directory: string;
  private warnings: string[] = [];

  constructor(options: ProcNetCollectorOptions = {}) {
    this.directory = options.directory ?? '/proc/net';
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    const sockets: RawSocket[] = [];
    const warnings: string[] = [];
    for (const file of FILES) {
      const path = join(this.directory, file.name);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        // With IPv6 disabled the *6 files do not exist: nothing is missing then.
        if (file.family === 6 && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new CollectorError('proc', `cannot read ${path}: ${String(error)}`, { cause: error });
      }
      try {
        const result = parseProcNet(text, file.protocol, file.family);
        for (const socket of result.sockets) sockets.push(socket);
        warnings.push(...result.warnings);
      } catch (error) {
        if (error instanceof ParseError) throw new CollectorError('proc', error.message, { cause: error });
        throw error;
      }
    }
    this.warnings = warnings;
    return sockets;
  }

  /** Nothing to release: each collect reads the files afresh. */
  close(): void {}
}
