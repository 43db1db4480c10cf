import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootTimeMs, clockTicksPerSecond, parseBootTime, ticksToEpochMs } from './boot-clock.js';
import { parsePasswd, userName } from './user-names.js';

describe('parsePasswd / userName', () => {
  it('maps uids to names, first entry wins, odd lines skipped', () => {
    const names = parsePasswd(
      'root:x:0:0:root:/root:/bin/bash\n# comment\n+::::::\nalias:x:0:0::/:/bin/sh\nweb:x:33:33::/var/www:/usr/sbin/nologin\n',
    );
    expect([...names]).toEqual([
      [0, 'root'],
      [33, 'web'],
    ]);
  });

  it("names users from this machine's /etc/passwd and falls back to the number", () => {
    const passwd = parsePasswd(readFileSync('/etc/passwd', 'utf8'));
    expect(userName(0)).toBe(passwd.get(0));
    expect(userName(65534)).toBe(passwd.get(65534) ?? '65534');
    expect(userName(4_000_000_000)).toBe('4000000000');
  });
});

describe('boot clock', () => {
  it('reads btime and CLK_TCK, and converts ticks since boot to epoch ms', () => {
    expect(parseBootTime('cpu  1 2 3\nbtime 1700000000\nprocesses 5\n')).toBe(1_700_000_000_000);
    expect(() => parseBootTime('cpu 1 2 3\n')).toThrow(/btime/);
    const boot = bootTimeMs();
    expect(boot).toBeLessThan(Date.now());
    expect(clockTicksPerSecond()).toBeGreaterThan(0);
    expect(ticksToEpochMs(clockTicksPerSecond() * 3)).toBe(boot + 3000);
  });
});
