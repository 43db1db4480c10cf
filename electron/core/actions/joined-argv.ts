/**
 * Whether an argv read from ps (macOS) can be trusted to start a process again. ps prints argv
 * joined by spaces and quotes nothing, so `node "/Users/me/My Project/srv.js"` reads back as
 * `node /Users/me/My Project/srv.js`: relaunched, that is two broken arguments. PortLens relaunches
 * such an argv only when nothing suggests a lost space.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { ProcessInfo } from '../model.js';

/** The kernel's limit on a process name (`comm`): 15 bytes on Linux, 16 on macOS. */
const COMM_CUT_BYTES = 15;
/** Arguments joined at most this many at a time when looking for a path with spaces. */
const MAX_JOINED = 8;

/**
 * Why `info.argv` (split from ps's `args`) may not be the argv it ran with; null when it can be
 * trusted. `program` is where argv[0] leads now (see lookUpProgram), null when nowhere.
 */
export function joinedArgvDoubt(info: ProcessInfo, program: string | null): string | null {
  const { argv } = info;
  const escaped = argv.find((arg) => arg.includes('\\'));
  if (escaped !== undefined) return `the argument ${JSON.stringify(escaped)} holds a backslash, which ps may have written for another character`;
  if (program === null) return `its first argument (${argv[0] ?? 'none'}) names no program`;
  if (!isRunningProgram(info, program)) return `its first argument (${argv[0]}) is not the program that runs (${info.exe ?? info.name})`;
  const joined = spacedPath(argv, info.cwd);
  if (joined !== null) return `arguments joined with a space name an existing path (${joined}), so one argument may have been read as several`;
  return null;
}

/**
 * Whether `program` is what runs: on macOS ps's `comm` is the program's path (exe), compared
 * after symlinks; on Linux it is the task name, which must be the program's name (or its cut).
 */
function isRunningProgram(info: ProcessInfo, program: string): boolean {
  if (info.exe !== null) return realPath(program) !== null && realPath(program) === realPath(info.exe);
  const name = basename(program);
  return name === info.name || (Buffer.byteLength(info.name) >= COMM_CUT_BYTES && name.startsWith(info.name));
}

/** The first run of adjacent arguments that, joined with spaces, names an existing path (or `--opt=` one). */
function spacedPath(argv: readonly string[], cwd: string | null): string | null {
  for (let first = 0; first < argv.length - 1; first++) {
    let joined = argv[first] as string;
    for (let last = first + 1; last < Math.min(argv.length, first + MAX_JOINED); last++) {
      joined = `${joined} ${argv[last]}`;
      const path = joined.replace(/^-[^=]*=/, '');
      if (pathExists(path, cwd)) return joined;
    }
  }
  return null;
}

function pathExists(path: string, cwd: string | null): boolean {
  if (isAbsolute(path)) return existsSync(path);
  return cwd !== null && existsSync(join(cwd, path));
}

function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
