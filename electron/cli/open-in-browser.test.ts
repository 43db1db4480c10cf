import { describe, expect, it } from 'vitest';
import { windowsProgram } from '../core/owners/windows/system-programs.js';
import { openCommand } from './open-in-browser.js';

describe('openCommand', () => {
  it("runs System32's cmd.exe on Windows, never a cmd found in the current directory", () => {
    expect(openCommand('C:\\Users\\a\\open.html', 'win32')).toEqual([
      windowsProgram('cmd'),
      ['/c', 'start', '""', 'C:\\Users\\a\\open.html'],
    ]);
    expect(windowsProgram('cmd')).toMatch(/^[A-Z]:\\.+\\System32\\cmd\.exe$/);
    expect(openCommand('/tmp/open.html', 'linux')).toEqual(['xdg-open', ['/tmp/open.html']]);
  });
});
