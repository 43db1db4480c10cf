/**
 * Fallback collector: runs `ss -tuanieHO` (no -p: owners are resolved elsewhere, and -p would
 * triple its cost) and parses its output. Synchronous: it runs in the monitor's worker thread.
 */
import type { RawSocket } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { parseToolOutput, runTool } from './run-tool.js';
import { SS_ARGS, parseSsOutput } from './ss-parse.js';

/** Options for tests and unusual installs. */
export interface SsCollectorOptions {
  /** The ss binary; `ss` from PATH by default. */
  command?: string;
  /** Kill ss after this long (ms). */
  timeoutMs?: number;
}

/** Lists sockets by running ss; throws CollectorError when ss is missing, fails or prints garbage. */
export class SsCollector implements LinuxCollector {
  readonly source = 'ss' as const;
  private readonly command: string;
  private readonly timeoutMs: number;
  private warnings: string[] = [];

  constructor(options: SsCollectorOptions = {}) {
    this.command = options.command ?? 'ss';
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  collect(): RawSocket[] {
    const run = runTool({ source: 'ss', command: this.command, args: SS_ARGS, timeoutMs: this.timeoutMs });
    const { sockets, warnings } = parseToolOutput('ss', () => parseSsOutput(run.stdout));
    this.warnings = warnings;
    return sockets;
  }

  /** Nothing to release: each collect runs its own ss. */
  close(): void {}
}
