import { describe, expect, it } from 'vitest';
import { DarwinCollector } from './darwin-netstat/darwin-collector.js';
import { LsofCollector } from './lsof/lsof-collector.js';
import { platformCandidates } from './platform-collectors.js';

describe('platformCandidates', () => {
  it('tries the kernel first on Linux, lsof (with netstat -anv merged in, then alone) on macOS and netstat on Windows', () => {
    const sources = (platform: NodeJS.Platform) => platformCandidates(platform).map((c) => c.source);
    expect(sources('linux')).toEqual(['netlink', 'ss', 'proc', 'lsof', 'netstat']);
    expect(sources('darwin')).toEqual(['lsof', 'lsof']);
    expect(sources('win32')).toEqual(['netstat']);
    expect(sources('freebsd')).toEqual([]);
  });

  it('builds the merged lsof and netstat collector first on macOS, lsof alone after it, and neither on Linux', () => {
    const [merged, alone] = platformCandidates('darwin').map((candidate) => candidate.create());
    expect(merged).toBeInstanceOf(DarwinCollector);
    expect(alone).toBeInstanceOf(LsofCollector);
    const linux = platformCandidates('linux').filter((candidate) => candidate.source === 'lsof' || candidate.source === 'netstat');
    expect(linux.map((candidate) => candidate.create()).some((collector) => collector instanceof DarwinCollector)).toBe(false);
  });
});
