/**
 * What the actions need from the outside world, injected so the CLI, the backend and the tests
 * pass the real machine (or, for systemd/Docker/pm2, stub executables) explicitly.
 */
import type { ProcessInfo, Snapshot } from '../model.js';
import type { CommandRunner } from './run-command.js';
import type { ProcessSignaller } from './signaller.js';

/** The /proc/<pid>/stat fields the actions use. */
export interface ProcStatLite {
  pid: number;
  comm: string;
  /** One-letter state; `Z` (zombie) and `X` (dead) count as ended. */
  state: string;
  ppid: number;
  startTime: number;
}

/** A process's environment, or why it could not be read. */
export type EnvironRead =
  { ok: true; env: Record<string, string> } | { ok: false; reason: 'permission' | 'gone' };

/** Reads processes (electron/core/owners on Linux). Every method returns null/empty when gone. */
export interface ProcessReader {
  stat(pid: number): ProcStatLite | null;
  info(pid: number): ProcessInfo | null;
  environ(pid: number): EnvironRead;
  /** Every descendant (children, grandchildren, ...). */
  descendants(pid: number): number[];
  isKernelThread(pid: number, ppid: number): boolean;
  /** Primary gid, for relaunching a process as its own user. */
  gid(pid: number): number | null;
  /** Whether `info`'s argv was split from one string (ps's `args`), so an argument's own spaces are lost. */
  readonly argvJoined?: boolean;
}

/** Everything an action touches. */
export interface ActionDeps {
  /** A fresh snapshot of every socket with owners (the real one: core/snapshot takeSnapshot). */
  snapshot: () => Promise<Snapshot>;
  processes: ProcessReader;
  signaller: ProcessSignaller;
  commands: CommandRunner;
  /** PortLens's data directory; restart logs go to `<dataDir>/logs/`. */
  dataDir: string;
  /** PortLens's own pid: it and its ancestors are never signalled. */
  selfPid: number;
  /** Our effective uid (null on Windows): decides `systemctl --user -M` and spawning as the owner. */
  selfUid: number | null;
  /** How a user invokes PortLens, for "run this with elevated rights" hints. */
  commandName: string;
  killTimeoutMs: number;
  restartTimeoutMs: number;
  now: () => number;
  /** Where Homebrew's `brew` may be (default: launchd-plan's HOMEBREW_BREWS; tests name a stand-in). */
  brews?: readonly string[];
}
