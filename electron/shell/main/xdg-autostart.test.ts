/**
 * The Linux "Start at login" file, for real: written, read and removed in a temporary
 * XDG_CONFIG_HOME, and its Exec line launched by GLib's own desktop-entry launcher (`gio launch`,
 * what GNOME's session uses) to prove the quoting of awkward paths and arguments.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutTools } from '../../test-support/system-tools.js';
import {
  AUTOSTART_MARKER,
  AutostartError,
  autostartDirectory,
  autostartEntryText,
  desktopEntryKeys,
  execValue,
  quoteExecArgument,
  XdgAutostart,
  type AutostartEntry,
} from './xdg-autostart.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh XDG_CONFIG_HOME. */
function configHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-xdg-'));
  temps.push(dir);
  return dir;
}

const entry = (argv: readonly string[]): AutostartEntry => ({
  fileName: 'portlens.desktop',
  name: 'PortLens',
  comment: 'See every port on this machine',
  argv,
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('autostartDirectory', () => {
  it('is $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when unset, empty or relative', () => {
    expect(autostartDirectory({ XDG_CONFIG_HOME: '/x/conf' }, '/home/a')).toBe('/x/conf/autostart');
    for (const XDG_CONFIG_HOME of [undefined, '', 'relative/conf'])
      expect(autostartDirectory({ XDG_CONFIG_HOME }, '/home/a')).toBe('/home/a/.config/autostart');
  });
});

describe('Exec quoting (Desktop Entry spec)', () => {
  it('quotes arguments with reserved characters, escapes inside quotes, doubles %', () => {
    expect(quoteExecArgument('/opt/PortLens/portlens')).toBe('/opt/PortLens/portlens');
    expect(quoteExecArgument('/home/a/My Apps/PortLens.AppImage')).toBe(
      '"/home/a/My Apps/PortLens.AppImage"',
    );
    expect(quoteExecArgument('/tmp/100%')).toBe('/tmp/100%%');
    expect(quoteExecArgument('a"b$c`d\\e')).toBe('"a\\"b\\$c\\`d\\\\e"');
    expect(quoteExecArgument("it's")).toBe('"it\'s"');
    expect(quoteExecArgument('')).toBe('""');
    // The key file's string escapes come after: a literal backslash is four in the file.
    expect(execValue(['/a b/x', 'c\\d'])).toBe('"/a b/x" "c\\\\\\\\d"');
    expect(execValue(['/x', 'line\nbreak'])).toBe('/x "line\\nbreak"');
    // GLib cannot look up a program whose path holds a %: it is started through sh.
    expect(execValue(['/opt/100%/portlens', '--x'])).toBe(
      '/bin/sh -c "exec \\\\"\\\\$0\\\\" \\\\"\\\\$@\\\\"" /opt/100%%/portlens --x',
    );
  });

  it('refuses what no Exec line can carry', () => {
    expect(() => execValue([])).toThrow(AutostartError);
    expect(() => execValue(['/x', 'a\0b'])).toThrow(AutostartError);
  });
});

// Modes and links as POSIX has them; Windows never uses this module.
describe.skipIf(process.platform === 'win32')(
  'XdgAutostart (real files in a temporary XDG_CONFIG_HOME)',
  () => {
    it('writes our entry 0600 in a new 0700 directory, reads it back, and removes only it', () => {
      const dir = autostartDirectory({ XDG_CONFIG_HOME: configHome() }, '/nonexistent');
      const autostart = new XdgAutostart(dir, entry(['/home/a/Apps/PortLens 1.0.AppImage']));
      expect(autostart.read()).toEqual({ kind: 'absent' });

      expect(autostart.enable()).toMatchObject({ kind: 'ours', enabled: true });
      expect(mode(dir)).toBe(0o700);
      expect(mode(autostart.file)).toBe(0o600);
      const keys = desktopEntryKeys(readFileSync(autostart.file, 'utf8'));
      expect(Object.fromEntries(keys)).toEqual({
        Type: 'Application',
        Version: '1.0',
        Name: 'PortLens',
        Comment: 'See every port on this machine',
        Exec: '"/home/a/Apps/PortLens 1.0.AppImage"',
        Terminal: 'false',
        'X-GNOME-Autostart-enabled': 'true',
        [AUTOSTART_MARKER]: 'true',
      });

      // Idempotent: the same entry is not rewritten (same inode, same mtime).
      const before = statSync(autostart.file);
      autostart.enable();
      const after = statSync(autostart.file);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

      expect(autostart.disable()).toEqual({ kind: 'absent' });
      expect(existsSync(autostart.file)).toBe(false);
      expect(autostart.disable()).toEqual({ kind: 'absent' });
      expect(existsSync(dir)).toBe(true);
    });

    it("never touches the directory's other entries, nor an existing directory's mode", () => {
      const dir = join(configHome(), 'autostart');
      mkdirSync(dir);
      chmodSync(dir, 0o755);
      const other = join(dir, 'syncthing.desktop');
      writeFileSync(other, '[Desktop Entry]\nType=Application\nExec=syncthing\n', { mode: 0o644 });
      const otherBefore = statSync(other);
      const autostart = new XdgAutostart(dir, entry(['/opt/PortLens/portlens']));
      autostart.enable();
      autostart.disable();
      const otherAfter = statSync(other);
      expect(readFileSync(other, 'utf8')).toBe('[Desktop Entry]\nType=Application\nExec=syncthing\n');
      expect([otherAfter.ino, otherAfter.mtimeMs, otherAfter.mode]).toEqual([
        otherBefore.ino,
        otherBefore.mtimeMs,
        otherBefore.mode,
      ]);
      expect(mode(dir)).toBe(0o755);
    });

    it("reports someone else's entry under our name (a file without the marker, or a link) and leaves it alone", () => {
      const dir = join(configHome(), 'autostart');
      mkdirSync(dir);
      const autostart = new XdgAutostart(dir, entry(['/opt/PortLens/portlens']));
      const handWritten = '[Desktop Entry]\nType=Application\nExec=/opt/PortLens/portlens --flag\n';
      writeFileSync(autostart.file, handWritten);
      expect(autostart.read()).toEqual({ kind: 'foreign', enabled: true });
      expect(() => autostart.enable()).toThrow(/not written by PortLens/);
      expect(() => autostart.disable()).toThrow(AutostartError);
      expect(readFileSync(autostart.file, 'utf8')).toBe(handWritten);

      // A dotfile manager's link, even to a file that looks like ours, is not ours to delete.
      rmSync(autostart.file);
      const kept = join(dir, '..', 'kept.desktop');
      writeFileSync(kept, autostartEntryText(entry(['/opt/PortLens/portlens'])));
      symlinkSync(kept, autostart.file);
      expect(autostart.read()).toEqual({ kind: 'foreign', enabled: true });
      expect(() => autostart.disable()).toThrow(AutostartError);
      expect(existsSync(kept) && existsSync(autostart.file)).toBe(true);
    });

    it('shows an entry the desktop switched off as off, and turning it on writes it anew', () => {
      const dir = join(configHome(), 'autostart');
      const autostart = new XdgAutostart(dir, entry(['/opt/PortLens/portlens']));
      autostart.enable();
      for (const off of ['X-GNOME-Autostart-enabled=false', 'Hidden=true']) {
        // As GNOME's "Startup Applications" does: the same file, switched off by a key.
        const text = autostartEntryText(entry(['/opt/PortLens/portlens'])).replace(
          'X-GNOME-Autostart-enabled=true',
          off,
        );
        writeFileSync(autostart.file, text);
        expect(autostart.read()).toMatchObject({ kind: 'ours', enabled: false });
        expect(autostart.enable()).toMatchObject({ kind: 'ours', enabled: true });
      }
    });

    it('refresh points an enabled entry at the command running now (a newer AppImage), and nothing else', () => {
      const dir = join(configHome(), 'autostart');
      new XdgAutostart(dir, entry(['/home/a/PortLens-0.1.0.AppImage'])).enable();
      const newer = new XdgAutostart(dir, entry(['/home/a/PortLens-0.2.0.AppImage']));
      expect(newer.refresh()).toMatchObject({ kind: 'ours', exec: '/home/a/PortLens-0.2.0.AppImage' });
      newer.disable();
      expect(newer.refresh()).toEqual({ kind: 'absent' });
      expect(existsSync(newer.file)).toBe(false);
    });

    const noGio = withoutTools('gio');
    it.skipIf(noGio)(
      "GLib's launcher (gio launch) runs the Exec line with the exact path and arguments: spaces, quotes, %, $, backslashes",
      async () => {
        const home = configHome();
        const args = [
          '--hidden',
          'a b',
          '50%',
          '%U',
          '$PATH',
          '`id`',
          'back\\slash',
          'semi;colon',
          '',
          'tab\there',
        ];
        // Program directories whose names need every kind of quoting; the second also holds a %.
        for (const [n, dirName] of [`Port Lens "q" 'sq' $HOME \\back`, `Port Lens 100% "q"`].entries()) {
          const program = join(home, dirName, 'port lens.sh');
          const out = join(home, `argv-${n}.out`);
          mkdirSync(join(home, dirName));
          writeFileSync(
            program,
            `#!/bin/sh\nprintf '%s\\0' "$0" "$@" > '${out}.tmp' && mv '${out}.tmp' '${out}'\n`,
            {
              mode: 0o700,
            },
          );
          const autostart = new XdgAutostart(join(home, 'autostart'), entry([program, ...args]));
          autostart.enable();
          const launched = spawnSync('gio', ['launch', autostart.file], {
            encoding: 'utf8',
            timeout: 10_000,
          });
          expect(launched.status, launched.stderr).toBe(0);
          const deadline = Date.now() + 10_000;
          while (!existsSync(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
          expect(readFileSync(out, 'utf8').split('\0').slice(0, -1), dirName).toEqual([program, ...args]);
        }
      },
    );
  },
);
