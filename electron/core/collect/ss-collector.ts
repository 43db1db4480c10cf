/**
 * Fallback collector: runs `ss -tuanieHO` (no -p: owners are resolved elsewhere, and -p would
 * triple its cost) and parses its output. Synchronous: it runs in the monitor's worker thread.
 */
import { spawnSync } from 'node:child_process';
import { CollectorError, ParseError } from '../model.js';
import type { RawSocket } from '../model.js';
import type { LinuxCollector } from './linux-collector.js';
import { SS_ARGS, parseSsOutput } from './ss-parse.js';

/** Options for tests and unusual installs. */
export interface SsCollectorOptions {
  /** The ss binary; `ss` from PATH by default. */
  command?: string;
  /** Kill ss after this long (ms). */
  timeoutMs?: number;
}

/** Room for ~20,000 TCP lines of ~600 characters each, many times over. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

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
    const run = spawnSync(this.command, SS_ARGS, {
      encoding: 'utf8',
      maxBuffer: MAX_OUTPUT_BYTES,
      timeout: this.timeoutMs,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const commandLine = `${this.command} ${SS_ARGS.join(' ')}`;
    if (run.error)
      throw new CollectorError('ss', `cannot run ${commandLine}: ${run.error.message}`, { cause: run.error });
    if (run.status !== 0) {
      const why = run.signal ? `killed by ${run.signal}` : `exit status ${run.status}`;
      throw new CollectorError('ss', `${commandLine} failed (${why}): ${run.stderr.trim().slice(0, 500)}`);
    }
    try {
      const { sockets, warnings } = parseSsOutput(run.stdout);
      this.warnings = warnings;
      return sockets;
    } catch (error) {
      if (error instanceof ParseError) throw new CollectorError('ss', error.message, { cause: error });
      throw error;
    }
  }

  /** Nothing to release: each collect runs its own ss. */
  close(): void {}
}
