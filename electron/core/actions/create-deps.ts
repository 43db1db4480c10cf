/** The actions' dependencies wired to the real machine. */
import { DEFAULT_SETTINGS } from '../../contract/api.js';
import { takeSnapshot } from '../snapshot/take-snapshot.js';
import type { ActionDeps } from './deps.js';
import { createPidfdSignaller } from './pidfd-signaller.js';
import { createPosixSignaller } from './posix-signaller.js';
import { createProcessReader } from './platform-process-reader.js';
import { createCommandRunner } from './run-command.js';
import type { ProcessSignaller } from './signaller.js';
import { createWindowsSignaller } from './windows-signaller.js';

/** The signaller for this platform: pidfd on Linux (kill(2) if unavailable), kill(2) on macOS, taskkill on Windows. */
export function createSignaller(platform: NodeJS.Platform = process.platform): ProcessSignaller {
  if (platform === 'linux') return createPidfdSignaller();
  if (platform === 'win32') return createWindowsSignaller();
  return createPosixSignaller();
}

/** Real dependencies; anything given in `overrides` replaces its default. */
export function createActionDeps(options: { dataDir: string } & Partial<ActionDeps>): ActionDeps {
  return {
    snapshot: () => takeSnapshot(),
    processes: createProcessReader(),
    signaller: createSignaller(),
    commands: createCommandRunner(),
    selfPid: process.pid,
    selfUid: process.geteuid?.() ?? null,
    commandName: 'portlens',
    killTimeoutMs: DEFAULT_SETTINGS.killTimeoutMs,
    restartTimeoutMs: DEFAULT_SETTINGS.restartTimeoutMs,
    now: Date.now,
    ...options,
  };
}
