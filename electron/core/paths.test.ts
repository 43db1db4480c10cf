import { describe, expect, it } from 'vitest';
import { dataDir } from './paths.js';

describe('dataDir', () => {
  it('uses $XDG_DATA_HOME/portlens when it is absolute', () => {
    expect(dataDir({ XDG_DATA_HOME: '/data/xdg' }, '/home/ann')).toBe('/data/xdg/portlens');
  });
  it('falls back to ~/.local/share/portlens when XDG_DATA_HOME is unset, empty or relative', () => {
    expect(dataDir({}, '/home/ann')).toBe('/home/ann/.local/share/portlens');
    expect(dataDir({ XDG_DATA_HOME: '' }, '/home/ann')).toBe('/home/ann/.local/share/portlens');
    expect(dataDir({ XDG_DATA_HOME: 'rel/dir' }, '/home/ann')).toBe('/home/ann/.local/share/portlens');
  });
});
