/**
 * "Start at login" on Linux: the freedesktop.org Desktop Application Autostart mechanism, which
 * GNOME, KDE Plasma, Xfce, Cinnamon, MATE and LXQt all follow. A desktop entry in
 * `$XDG_CONFIG_HOME/autostart/` is started when the person logs in; deleting it stops that.
 *
 * Plain Node (no Electron), so it is tested for real. The file PortLens writes carries a marker
 * key (`X-PortLens-Autostart=true`); a file of the same name without it was made by someone else
 * (a hand-written entry, a dotfile manager's link) and is reported, never replaced or deleted.
 *
 * The file is written 0600, in a directory created 0700 when missing (the XDG Base Directory
 * spec's mode for directories it creates; an existing one is left as it is). Only the person's
 * own session reads it, and nothing else needs to: 0644 would only let other users read which
 * program and path start at this person's login.
 */
import { lstatSync, readFileSync, statSync, unlinkSync, mkdirSync, type Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { replaceFileAtomic } from '../../core/private-files.js';

/** The key that marks an entry as PortLens's own. */
export const AUTOSTART_MARKER = 'X-PortLens-Autostart';

/** What goes into the entry. */
export interface AutostartEntry {
  /** The file's name, the app's desktop file ID (`portlens.desktop`). */
  fileName: string;
  name: string;
  comment: string;
  /** The command started at login: the AppImage or installed executable, then its arguments. */
  argv: readonly string[];
}

/** What the autostart directory holds under our file name. */
export type AutostartState =
  | { kind: 'absent' }
  /** Ours; `enabled` is false when the desktop turned it off (Hidden, X-GNOME-Autostart-enabled). */
  | { kind: 'ours'; enabled: boolean; exec: string | null }
  | { kind: 'foreign'; enabled: boolean };

/** Why an entry could not be changed. */
export class AutostartError extends Error {
  override readonly name = 'AutostartError';
}

/**
 * `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` when it is unset, empty or relative
 * (the Base Directory spec says to ignore a relative path).
 */
export function autostartDirectory(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && isAbsolute(configHome) ? configHome : join(home, '.config');
  return join(base, 'autostart');
}

/** The Desktop Entry spec's reserved characters: an argument holding one must be quoted. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an Exec line (Desktop Entry spec, "The Exec key"): quoted in double quotes when
 * it holds a reserved character or is empty, with `"`, `` ` ``, `$` and `\` escaped inside the
 * quotes; a literal `%` doubled so it is not read as a field code.
 */
export function quoteExecArgument(argument: string): string {
  if (argument.includes('\0')) throw new AutostartError('a command argument cannot hold a NUL byte');
  const quoted =
    argument === '' || RESERVED.test(argument) ? `"${argument.replace(/["`$\\]/g, '\\$&')}"` : argument;
  return quoted.replace(/%/g, '%%');
}

/**
 * The Exec value as written in the file: the quoted arguments, then the key file's escapes for a
 * string value (applied after the quoting, so a literal backslash in an argument becomes four).
 */
export function execValue(argv: readonly string[]): string {
  const program = argv[0];
  if (program === undefined) throw new AutostartError('the command to start at login is empty');
  // GLib (GNOME's launcher) looks the program up before it turns %% back into %, so it cannot
  // find one whose path holds a %: such a program is started through sh, whose script has none.
  const command = program.includes('%') ? ['/bin/sh', '-c', 'exec "$0" "$@"', ...argv] : argv;
  return command
    .map(quoteExecArgument)
    .join(' ')
    .replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c] ?? c);
}

/** The desktop entry's text. */
export function autostartEntryText(entry: AutostartEntry): string {
  const line = (value: string) => value.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${line(entry.name)}`,
    `Comment=${line(entry.comment)}`,
    `Exec=${execValue(entry.argv)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    `${AUTOSTART_MARKER}=true`,
    '',
  ].join('\n');
}

/** The keys of a desktop entry's `[Desktop Entry]` group (first value of each key). */
export function desktopEntryKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inGroup = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inGroup = line === '[Desktop Entry]';
    else if (inGroup && line && !line.startsWith('#')) {
      const at = line.indexOf('=');
      if (at <= 0) continue;
      const key = line.slice(0, at).trim();
      if (!keys.has(key)) keys.set(key, line.slice(at + 1).trim());
    }
  }
  return keys;
}

/** Our autostart entry in one directory: read it, write it, remove it. */
export class XdgAutostart {
  readonly file: string;

  constructor(
    readonly directory: string,
    private readonly entry: AutostartEntry,
  ) {
    this.file = join(directory, entry.fileName);
  }

  /** What is there now: the platform's state, read from the file each time. */
  read(): AutostartState {
    const link = statOrNull(() => lstatSync(this.file));
    if (link === null) return { kind: 'absent' };
    // A link is followed to read the state (never to write); what is not a regular file, or
    // cannot be read, starts nothing (and is not opened: a FIFO would block).
    const target = link.isSymbolicLink() ? statOrNull(() => statSync(this.file)) : link;
    let text: string | null = null;
    try {
      if (target?.isFile()) text = readFileSync(this.file, 'utf8');
    } catch {
      text = null;
    }
    if (text === null) return { kind: 'foreign', enabled: false };
    const keys = desktopEntryKeys(text);
    const enabled = keys.get('Hidden') !== 'true' && keys.get('X-GNOME-Autostart-enabled') !== 'false';
    if (!link.isFile() || keys.get(AUTOSTART_MARKER) !== 'true') return { kind: 'foreign', enabled };
    return { kind: 'ours', enabled, exec: keys.get('Exec') ?? null };
  }

  /**
   * Starts PortLens at login: writes our entry (atomically), unless the same text is there
   * already. Throws AutostartError when someone else's file holds the name.
   */
  enable(): AutostartState {
    const state = this.read();
    if (state.kind === 'foreign') throw this.foreignError('replace');
    const text = autostartEntryText(this.entry);
    if (state.kind === 'ours' && readFileSync(this.file, 'utf8') === text) return state;
    // Missing directories are created 0700 (XDG Base Directory spec); existing ones are untouched.
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    replaceFileAtomic(this.file, text);
    return this.read();
  }

  /** Stops starting PortLens at login: deletes our entry only. Throws for someone else's. */
  disable(): AutostartState {
    const state = this.read();
    if (state.kind === 'foreign') throw this.foreignError('remove');
    if (state.kind === 'ours') {
      try {
        unlinkSync(this.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return { kind: 'absent' };
  }

  /**
   * Points our enabled entry at the current command (an AppImage moved or replaced by a newer
   * file name) so that login starts the PortLens the person runs now. Leaves anything else alone.
   */
  refresh(): AutostartState {
    const state = this.read();
    if (state.kind !== 'ours' || !state.enabled) return state;
    return state.exec === execValue(this.entry.argv) ? state : this.enable();
  }

  private foreignError(verb: string): AutostartError {
    return new AutostartError(
      `${this.file} was not written by PortLens (a link, or a file without ${AUTOSTART_MARKER}); PortLens will not ${verb} it. Edit or remove it yourself.`,
    );
  }
}

function statOrNull(stat: () => Stats): Stats | null {
  try {
    return stat();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
