/**
 * The services PortLens started, recorded at launch: the new process's identity (pid, start
 * time) → the log file its output goes to. `logs` finds a capture by that identity, not by the
 * process name, which a restart may change (`python3` relaunched as its resolved program
 * `python3.11`); a second restart of the same service appends to the same file.
 *
 * `<dataDir>/logs/started.json`, 0600 in the private logs directory, replaced atomically.
 * An unreadable or malformed record is treated as empty: it only helps find logs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writePrivateFileAtomic } from '../private-files.js';
import { logsDir } from './log-files.js';

/** One launch PortLens made. */
export interface StartedService {
  pid: number;
  /** Clock ticks since boot (the process identity's second half). */
  startTime: number;
  logFile: string;
  /** Epoch ms of the launch. */
  at: number;
}

/** Entries kept: the newest launches; older ones have long been restarted or ended. */
const MAX_ENTRIES = 200;

function recordFile(dataDir: string): string {
  return join(logsDir(dataDir), 'started.json');
}

function isEntry(value: unknown): value is StartedService {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(entry.pid) &&
    Number.isSafeInteger(entry.startTime) &&
    typeof entry.logFile === 'string' &&
    typeof entry.at === 'number'
  );
}

/** Every recorded launch (newest last); [] when there is no readable record. */
export function readStartedServices(dataDir: string): StartedService[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(recordFile(dataDir), 'utf8'));
  } catch {
    return [];
  }
  // Only files in our own logs directory: the record must not point `logs` anywhere else.
  const dir = logsDir(dataDir);
  return Array.isArray(parsed) ? parsed.filter(isEntry).filter((entry) => dirname(resolve(entry.logFile)) === resolve(dir)) : [];
}

/** The log file PortLens recorded for this process identity, else null. */
export function recordedLogFile(dataDir: string, identity: { pid: number; startTime: number }): string | null {
  const entries = readStartedServices(dataDir);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as StartedService;
    if (entry.pid === identity.pid && entry.startTime === identity.startTime) return entry.logFile;
  }
  return null;
}

/** Records a launch (dropping any older entry of the same pid: pids are reused). */
export function recordStartedService(dataDir: string, service: StartedService): void {
  const kept = readStartedServices(dataDir).filter((entry) => entry.pid !== service.pid);
  kept.push(service);
  writePrivateFileAtomic(recordFile(dataDir), `${JSON.stringify(kept.slice(-MAX_ENTRIES))}\n`, dataDir);
}
