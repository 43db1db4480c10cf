import { describe, expect, it } from 'vitest';
import { platformCandidates } from './platform-collectors.js';

describe('platformCandidates', () => {
  it('tries the kernel first on Linux, lsof on macOS and netstat on Windows', () => {
    const sources = (platform: NodeJS.Platform) => platformCandidates(platform).map((c) => c.source);
    expect(sources('linux')).toEqual(['netlink', 'ss', 'proc', 'lsof', 'netstat']);
    expect(sources('darwin')).toEqual(['lsof']);
    expect(sources('win32')).toEqual(['netstat']);
    expect(sources('freebsd')).toEqual([]);
  });
});
