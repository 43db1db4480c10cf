import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from './paths.js';

describe('dataDir', () => {
  it('honours $PORTLENS_DATA_DIR first', () => {
    expect(dataDir({ PORTLENS_DATA_DIR: '/srv/pl', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ann')).toBe('/srv/pl');
  });
  it('makes a relative $PORTLENS_DATA_DIR absolute against the working directory (the app needs one)', () => {
    expect(dataDir({ PORTLENS_DATA_DIR: 'pl-data' }, 'linux', '/home/ann')).toBe(join(process.cwd(), 'pl-data'));
  });
  it("matches Electron's userData on Linux: $XDG_CONFIG_HOME/PortLens when absolute, else ~/.config/PortLens", () => {
    expect(dataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe('/cfg/PortLens');
    expect(dataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/PortLens');
    expect(dataDir({ XDG_CONFIG_HOME: 'rel/dir' }, 'linux', '/home/ann')).toBe('/home/ann/.config/PortLens');
  });
  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(dataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/PortLens');
    expect(dataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toContain('PortLens');
  });
});
