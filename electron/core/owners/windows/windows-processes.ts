/**
 * What PortLens shows about Windows processes, from one PowerShell Win32_Process query (names,
 * command lines, parents, creation times) and `tasklist /svc` (the services each one hosts).
 * A process's identity is (pid, CreationDate in epoch ms): Windows reuses pids quickly.
 * A failed command is a warning for the snapshot (it shows what it can), but throws
 * ProcessToolError for the actions' questions: "cannot tell" is never reported as "gone".
 */
import { win32 } from 'node:path';
import type { ProcessInfo, ServiceManager } from '../../model.js';
import { ParseError } from '../../model.js';
import { ProcessToolError } from '../ps/process-tools.js';
import { splitCommandLine } from './command-line.js';
import { ALL_PROCESSES_SCRIPT, ONE_PROCESS_SCRIPT, PID_VARIABLE, powershellCommand } from './powershell.js';
import { spawnSyncRunner, type SyncRunner } from './run-sync.js';
import { windowsProgram } from './system-programs.js';
import { parseTasklistServices, TASKLIST_SERVICES_ARGS, type TasklistServicesResult } from './tasklist-services-parse.js';
import { parseWin32Processes, type WindowsProcess } from './win32-process-parse.js';

/** The table of one moment: every process's info, and the raw rows (for parent links). */
interface Table {
  infos: Map<number, ProcessInfo>;
  rows: WindowsProcess[];
}

/** What a failed command does: a warning (the snapshot's reads) or a ProcessToolError (the actions'). */
type OnFailure = 'warn' | 'throw';

/** Processes by pid; a ProcessLookup for the snapshot pipeline, and the actions' source. */
export class WindowsProcesses {
  #table: Table | null = null;
  /** The last whole table descendants() read, and when that read finished (clock ms). */
  #recent: { at: number; infos: Map<number, ProcessInfo> } | null = null;
  /** Problems of the last read (a command that failed, rows a parser skipped). */
  warnings: string[] = [];

  /** The snapshot pipeline's name for `warnings`. */
  get lastWarnings(): readonly string[] {
    return this.warnings;
  }

  constructor(
    private readonly run: SyncRunner = spawnSyncRunner(),
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Reads every process once for the poll's `get` calls. */
  startPoll(): void {
    this.#table = this.readAll('warn');
  }

  /** The info of `pid` as of the last poll (read now when there was none). */
  get(pid: number): ProcessInfo | null {
    this.#table ??= this.readAll('warn');
    return this.#table.infos.get(pid) ?? null;
  }

  /** Nothing to drop: each poll reads the whole table afresh. */
  prune(): void {}

  /**
   * One process read now (with its services when asked), or null when it does not exist; throws
   * ProcessToolError when PowerShell or tasklist fails or prints what cannot be read.
   */
  readOne(pid: number, options: { services: boolean }): ProcessInfo | null {
    if (!Number.isInteger(pid) || pid <= 0 || pid > 0xffffffff) return null;
    this.warnings = [];
    const rows = this.query(powershellCommand(ONE_PROCESS_SCRIPT), 'throw', { [PID_VARIABLE]: String(pid) });
    const row = rows.find((candidate) => candidate.pid === pid);
    if (!row) {
      // A row the parser skipped may have been this process: that is not "no such process".
      if (this.warnings.length > 0) throw new ProcessToolError(`cannot read pid ${pid}: ${this.warnings.join('; ')}`);
      return null;
    }
    const services = options.services ? servicesOf(row, this.services(['/FI', `PID eq ${pid}`], 'throw')) : undefined;
    return toProcessInfo(row, services);
  }

  /** Every descendant of `pid` now: children by parent pid, each created after its parent. Throws as readOne. */
  descendants(pid: number): number[] {
    const { rows, infos } = this.readAll('throw');
    this.#recent = { at: this.clock(), infos };
    const byPid = new Map(rows.map((row) => [row.pid, row]));
    const found: number[] = [];
    const queue = [pid];
    for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
      const born = byPid.get(parent)?.createdAt ?? null;
      for (const row of rows) {
        // Windows keeps a dead parent's pid in its children; a later process may reuse it.
        const child = row.ppid === parent && row.pid !== parent && !found.includes(row.pid);
        if (child && born !== null && row.createdAt !== null && row.createdAt >= born) {
          found.push(row.pid);
          queue.push(row.pid);
        }
      }
    }
    return found;
  }

  /**
   * The info of `pid` from the table descendants() finished reading at most `maxAgeMs` ago (with services),
   * or undefined when there is none or it did not list the pid: a preview then asks about each
   * child without one PowerShell call per child. Not for identity checks (stat reads afresh).
   */
  recentInfo(pid: number, maxAgeMs: number): ProcessInfo | undefined {
    const recent = this.#recent;
    if (recent === null || this.clock() - recent.at > maxAgeMs) return undefined;
    return recent.infos.get(pid);
  }

  private readAll(onFailure: OnFailure): Table {
    this.warnings = [];
    const rows = this.query(powershellCommand(ALL_PROCESSES_SCRIPT), onFailure);
    const services = this.services([], onFailure);
    const infos = new Map<number, ProcessInfo>();
    for (const row of rows) {
      const info = toProcessInfo(row, servicesOf(row, services));
      if (info) infos.set(row.pid, info);
    }
    return { infos, rows };
  }

  /** The processes a PowerShell query printed; none (with a warning) when it failed, or a throw. */
  private query(argv: string[], onFailure: OnFailure, env?: Record<string, string>): WindowsProcess[] {
    return this.parsed(this.succeeded(argv, onFailure, env), parseWin32Processes, onFailure)?.processes ?? [];
  }

  /** What `tasklist /svc [filter]` lists; nothing (with a warning) when it failed, or a throw. */
  private services(filter: string[], onFailure: OnFailure): TasklistServicesResult {
    const output = this.succeeded([windowsProgram('tasklist'), ...TASKLIST_SERVICES_ARGS, ...filter], onFailure);
    return this.parsed(output, parseTasklistServices, onFailure) ?? { services: new Map(), images: new Map(), warnings: [] };
  }

  /** `parse(output)` with its warnings kept; null (and a warning) when the output is unreadable. */
  private parsed<T extends { warnings: string[] }>(output: string | null, parse: (text: string) => T, onFailure: OnFailure): T | null {
    if (output === null) return null;
    try {
      const result = parse(output);
      this.warnings.push(...result.warnings);
      return result;
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      if (onFailure === 'throw') throw new ProcessToolError(error.message, { cause: error });
      this.warnings.push(error.message);
      return null;
    }
  }

  private succeeded(argv: string[], onFailure: OnFailure, env?: Record<string, string>): string | null {
    const result = this.run(argv, env);
    if (result.status === 0) return result.stdout;
    const why = result.error ?? `exit status ${result.status}: ${result.stderr.trim().slice(0, 300)}`;
    // The program's name, not its System32 path: the warning is read by people.
    const problem = `${win32.basename(argv[0] ?? '')} failed (${why})`;
    if (onFailure === 'throw') throw new ProcessToolError(problem);
    this.warnings.push(problem);
    return null;
  }
}

/**
 * The services tasklist listed under the row's pid, only when it saw the same program there:
 * tasklist runs after Win32_Process, and a pid reused in between must not inherit another
 * process's service (tasklist cuts image names to 25 characters, so a prefix matches).
 */
export function servicesOf(row: WindowsProcess, tasklist: Pick<TasklistServicesResult, 'services' | 'images'>): string[] | undefined {
  const image = tasklist.images.get(row.pid)?.toLowerCase();
  const name = row.name?.toLowerCase();
  if (image === undefined || name === undefined || image === '' || !name.startsWith(image)) return undefined;
  return tasklist.services.get(row.pid);
}

/**
 * The ProcessInfo of a Win32_Process row; null without a creation time (no identity to check).
 * Windows names no owner here and shows no other process's working directory: uid and cwd are
 * null, user is empty. A process hosting exactly one service is that service; a shared host
 * (svchost with several) is not restarted as any one of them.
 */
export function toProcessInfo(row: WindowsProcess, services: readonly string[] | undefined): ProcessInfo | null {
  if (row.createdAt === null || row.pid === 0) return null;
  const argv = row.commandLine !== null ? splitCommandLine(row.commandLine) : row.exe !== null ? [row.exe] : [];
  const [only, ...others] = services ?? [];
  const service: ServiceManager | null = only !== undefined && others.length === 0 ? { kind: 'windows-service', name: only } : null;
  return {
    pid: row.pid,
    startTime: row.createdAt,
    startedAt: row.createdAt,
    name: row.name ?? (row.exe !== null ? win32.basename(row.exe) : `pid ${row.pid}`),
    exe: row.exe,
    argv,
    cwd: null,
    uid: null,
    user: '',
    ppid: row.ppid ?? 0,
    service,
  };
}
