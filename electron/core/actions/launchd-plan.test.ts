import { chmodSync, chownSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessInfo, ServiceManager } from '../model.js';
import { trustedBrew, unsafeReason } from './launchd-plan.js';
import { planRestart } from './restart-plan.js';
import { TempDirs } from './test-support/servers.js';

// Homebrew cannot exist here: real files on disk stand in for `brew` (their modes and owners
// are what is checked); the plan never runs them.
const temp = new TempDirs();
afterEach(() => temp.removeAll());

const HOMEBREW: ServiceManager = { kind: 'homebrew', formula: 'redis', label: 'homebrew.mxcl.redis', domain: 'gui/501' };

function infoOf(service: ServiceManager, program = '/usr/local/opt/redis/bin/redis-server'): ProcessInfo {
  return { pid: 4242, startTime: 1, startedAt: 0, name: 'redis-server', exe: program, argv: [program], cwd: '/', uid: 501, user: 'alice', ppid: 1, service };
}

/** A stand-in `brew` at `<dir>/bin/brew`, mode 0755, in a fresh private directory. */
function standInBrew(): { dir: string; brew: string } {
  const dir = temp.make('portlens-brew-');
  mkdirSync(join(dir, 'bin'), { mode: 0o755 });
  const brew = join(dir, 'bin', 'brew');
  writeFileSync(brew, '#!/bin/sh\nexit 0\n');
  chmodSync(brew, 0o755);
  return { dir, brew };
}

/** Our uid, and a uid that is neither root nor ours, for a file we can make someone else's. */
function otherOwner(): { selfUid: number; fileUid: number } {
  const uid = process.getuid?.() ?? 0;
  // As root, the file is chowned to nobody; otherwise the file is ours and we act as another user.
  return uid === 0 ? { selfUid: 501, fileUid: 65534 } : { selfUid: uid + 1, fileUid: uid };
}

describe('the Homebrew restart never runs a brew the process could choose (stand-in brew files)', () => {
  it("ignores a brew beside the process's Cellar/opt path (its argv[0] is whatever it says); the fixed candidates' first that exists is used", () => {
    const evil = standInBrew();
    const trusted = standInBrew();
    const fromCellar = infoOf(HOMEBREW, `${evil.dir}/Cellar/redis/7.2.4/bin/redis-server`);
    const fromOpt = infoOf(HOMEBREW, `${evil.dir}/opt/redis/bin/redis-server`);
    for (const info of [fromCellar, fromOpt]) {
      const plan = planRestart(info, 501, undefined, { brews: [join(trusted.dir, 'missing', 'brew'), trusted.brew, evil.brew] });
      expect(plan.ok && plan.value).toEqual({ method: 'homebrew', command: [trusted.brew, 'services', 'restart', 'redis'] });
    }
    // No candidate exists: the same job through launchctl, never `brew` from PATH.
    const plan = planRestart(fromCellar, 501, undefined, { brews: [join(trusted.dir, 'missing')] });
    expect(plan.ok && plan.value).toEqual({ method: 'homebrew', command: ['launchctl', 'kickstart', '-k', 'gui/501/homebrew.mxcl.redis'] });
  });

  it('as root, a system-domain Homebrew service is kickstarted in the system domain: no brew at all', () => {
    const { brew } = standInBrew();
    const system: ServiceManager = { ...HOMEBREW, domain: 'system' };
    const plan = planRestart(infoOf(system), 0, undefined, { brews: [brew] });
    expect(plan.ok && plan.value.command).toEqual(['launchctl', 'kickstart', '-k', 'system/homebrew.mxcl.redis']);
  });

  it('a brew writable by group or others, under such a directory, or owned by another user is not run (kickstart instead)', () => {
    const { selfUid, fileUid } = otherOwner();
    const service: ServiceManager = { ...HOMEBREW, domain: `gui/${selfUid}` };
    const cases: [string, (dir: string, brew: string) => void, RegExp][] = [
      ['group-writable file', (_dir, brew) => chmodSync(brew, 0o775), /brew is writable by its group$/],
      ['world-writable file', (_dir, brew) => chmodSync(brew, 0o757), /brew is writable by others$/],
      ['group-writable directory', (dir) => chmodSync(join(dir, 'bin'), 0o775), /bin is writable by its group$/],
      ['world-writable directory above', (dir) => chmodSync(dir, 0o777), /portlens-brew-\w+ is writable by others$/],
      // Not root: the file stays ours (fileUid) and the plan acts as another user (selfUid).
      ["another user's file", (_dir, brew) => {
        if (process.getuid?.() === 0) chownSync(brew, fileUid, 0);
      }, new RegExp(`brew is owned by uid ${fileUid}$`)],
    ];
    for (const [what, spoil, reason] of cases) {
      const { dir, brew } = standInBrew();
      spoil(dir, brew);
      expect(unsafeReason(brew, selfUid), what).toMatch(reason);
      expect(trustedBrew([brew], selfUid), what).toBeNull();
      const plan = planRestart(infoOf(service), selfUid, undefined, { brews: [brew] });
      expect(plan.ok && plan.value.command, what).toEqual(['launchctl', 'kickstart', '-k', `gui/${selfUid}/homebrew.mxcl.redis`]);
    }
  });

  it.skipIf(process.getuid?.() !== 0)("a brew writable by macOS's admin group is run for an admin (Homebrew's own modes); not by staff, not as root, not by others", () => {
    const { selfUid } = otherOwner();
    const { dir, brew } = standInBrew();
    const bin = join(dir, 'bin');
    chownSync(bin, 0, 80);
    chmodSync(bin, 0o775);
    expect(statSync(bin).gid).toBe(80);
    expect(unsafeReason(brew, selfUid, [20, 80])).toBeNull();
    expect(trustedBrew([brew], selfUid, [20, 80])).toBe(brew);
    expect(unsafeReason(brew, selfUid, [20])).toMatch(/bin is writable by its group$/);
    expect(unsafeReason(brew, 0, [80])).toMatch(/bin is writable by its group$/);
    // staff (20): every local account is in it.
    chownSync(bin, 0, 20);
    expect(unsafeReason(brew, selfUid, [20, 80])).toMatch(/bin is writable by its group$/);
    chownSync(bin, 0, 80);
    chmodSync(bin, 0o777);
    expect(unsafeReason(brew, selfUid, [80])).toMatch(/bin is writable by others$/);
  });

  it("a symlinked brew is checked at its target too (Intel's /usr/local/bin/brew → ../Homebrew/bin/brew)", () => {
    const { dir, brew } = standInBrew();
    const uid = process.getuid?.() ?? 0;
    const link = join(dir, 'brew-link');
    symlinkSync(brew, link);
    expect(unsafeReason(link, uid)).toBeNull();
    expect(trustedBrew([link], uid)).toBe(link);
    chmodSync(join(dir, 'bin'), 0o777);
    expect(unsafeReason(link, uid)).toMatch(/bin is writable by others$/);
  });

  it('a private brew under the sticky /tmp is trusted (no one else can rename or remove it there)', () => {
    const { brew } = standInBrew();
    expect(unsafeReason(brew, process.getuid?.() ?? 0)).toBeNull();
  });

  it('refuses, with a typed error, a formula or label that could be misread in a command', () => {
    const bad: ServiceManager[] = [
      { ...HOMEBREW, formula: '--prefix' },
      { ...HOMEBREW, formula: 'redis; rm -rf ~' },
      { ...HOMEBREW, formula: '' },
      { ...HOMEBREW, label: '-homebrew.mxcl.redis' },
      { kind: 'launchd', label: 'com.example.api job', domain: 'gui/501' },
      { kind: 'launchd', label: 'com.example.\napi', domain: 'gui/501' },
      { kind: 'launchd', label: '-k', domain: 'gui/501' },
    ];
    for (const service of bad) {
      const plan = planRestart(infoOf(service), 501, undefined, { brews: [] });
      expect(plan.ok, JSON.stringify(service)).toBe(false);
      if (!plan.ok) {
        expect(plan.error.code).toBe('unsupported');
        expect(plan.error.message).toMatch(/is not one PortLens will put in a command/);
      }
    }
    for (const formula of ['postgresql@16', 'libxml++', 'python@3.12', 'node_22-lts']) {
      const plan = planRestart(infoOf({ ...HOMEBREW, formula, label: `homebrew.mxcl.${formula}` }), 501, undefined, { brews: [] });
      expect(plan.ok, formula).toBe(true);
    }
  });
});
