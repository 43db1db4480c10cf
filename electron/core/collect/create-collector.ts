/**
 * Picks the best collector that works here (on Linux netlink, then ss, then /proc/net; see
 * platform-collectors.ts). A collector is kept only if its first collect succeeds; each one
 * passed over leaves a warning saying why.
 */
import { CollectorError } from '../model.js';
import type { RawSocket, SnapshotSource } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { platformCandidates } from './platform-collectors.js';

/** Options of createCollector. */
export interface CreateCollectorOptions {
  /** Try this source first (tests, the CLI's `--source`); the others still follow. */
  prefer?: SnapshotSource;
}

/** A way to build one collector, for pickCollector. */
export interface CollectorCandidate {
  source: SnapshotSource;
  create(): LinuxCollector;
}

/** The collector to use, and a warning for each better one that did not work. */
export function createCollector(options: CreateCollectorOptions = {}): {
  collector: LinuxCollector;
  warnings: string[];
} {
  const candidates = platformCandidates();
  const preferred = candidates.filter((candidate) => candidate.source === options.prefer);
  const rest = candidates.filter((candidate) => candidate.source !== options.prefer);
  return pickCollector([...preferred, ...rest]);
}

/**
 * The first candidate whose construction and first collect succeed. Throws CollectorError
 * naming every failure when none works.
 */
export function pickCollector(candidates: readonly CollectorCandidate[]): {
  collector: LinuxCollector;
  warnings: string[];
} {
  const warnings: string[] = [];
  for (const [index, candidate] of candidates.entries()) {
    let collector: LinuxCollector | null = null;
    try {
      collector = candidate.create();
      return { collector: primed(collector, collector.collect()), warnings };
    } catch (error) {
      collector?.close();
      const next = candidates[index + 1];
      const why = describe(error);
      warnings.push(
        `${candidate.source} collector unavailable (${why})${next ? `; using ${next.source}` : ''}`,
      );
    }
  }
  const last = candidates.at(-1)?.source ?? 'proc';
  const why = warnings.length ? warnings.join('; ') : `none is known for ${process.platform}`;
  throw new CollectorError(last, `no socket source works: ${why}`);
}

/**
 * The collector, whose first `collect()` returns the sockets the trial collect just read: a
 * one-shot caller (`portlens list`) would otherwise dump every socket twice.
 */
function primed(collector: LinuxCollector, first: RawSocket[]): LinuxCollector {
  let pending: RawSocket[] | null = first;
  return {
    get source() {
      return collector.source;
    },
    // The trial's warnings until the next real collect replaces them: right for both.
    get lastWarnings() {
      return collector.lastWarnings;
    },
    collect() {
      const sockets = pending;
      pending = null;
      return sockets ?? collector.collect();
    },
    ...(collector.ownersOf ? { ownersOf: (socket: RawSocket) => collector.ownersOf?.(socket) } : {}),
    close: () => collector.close(),
  };
}

/** The error's message without the `source: ` prefix CollectorError adds (the warning names it). */
function describe(error: unknown): string {
  if (error instanceof CollectorError && error.message.startsWith(`${error.source}: `)) {
    return error.message.slice(error.source.length + 2);
  }
  return error instanceof Error ? error.message : String(error);
}
