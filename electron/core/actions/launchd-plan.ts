/**
 * The restart command of a launchd job or Homebrew service (macOS). Nothing in it comes from the
 * process being restarted but the label and formula that `launchctl list` named, both checked:
 * its argv[0] is whatever the process says, so a `brew` found beside it could be anyone's.
 */
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { RestartMethod, Result } from '../../contract/api.js';
import { fail, ok } from './results.js';

/** Where Homebrew puts `brew`: Apple silicon's prefix, then Intel's. The first that exists is used. */
export const HOMEBREW_BREWS: readonly string[] = ['/opt/homebrew/bin/brew', '/usr/local/bin/brew'];

/** A formula name as Homebrew spells them (`postgresql@16`, `libxml++`); nothing a command could misread. */
const FORMULA = /^[A-Za-z0-9][A-Za-z0-9@+._-]*$/;
/** A launchd label that stays one argument and no option: no whitespace or control characters, no leading `-`. */
const LABEL = /^(?!-)[^\s\p{Cc}]+$/u;

/** A launchd-managed service, as the restart sees it. */
export interface LaunchdTarget {
  kind: 'launchd' | 'homebrew';
  label: string;
  domain: string;
  /** Homebrew's formula (kind `homebrew`). */
  formula?: string;
}

/**
 * The restart command for `service`, run as `selfUid`. `brew services` acts on the domain of
 * whoever runs it, so a user's own Homebrew service is restarted with a trusted `brew` (see
 * trustedBrew); everything else (root's system jobs, another user's, a user's without a
 * trusted brew) is `launchctl kickstart -k` of the same job: root never runs a brew at all.
 */
export function launchdRestartCommand(
  service: LaunchdTarget,
  selfUid: number | null,
  brews: readonly string[] = HOMEBREW_BREWS,
): Result<{ method: RestartMethod; command: string[] }> {
  if (!LABEL.test(service.label))
    return fail('unsupported', `the launchd label ${JSON.stringify(service.label)} is not one PortLens will put in a command; restart it with launchctl yourself`);
  const kick = ['launchctl', 'kickstart', '-k', `${service.domain}/${service.label}`];
  if (service.kind === 'launchd') return ok({ method: 'launchd', command: kick });
  const formula = service.formula ?? '';
  if (!FORMULA.test(formula))
    return fail('unsupported', `the Homebrew formula name ${JSON.stringify(formula)} is not one PortLens will put in a command; restart it with brew yourself`);
  const own = selfUid !== null && selfUid !== 0 && service.domain === `gui/${selfUid}`;
  const brew = own ? trustedBrew(brews, selfUid) : null;
  return ok({ method: 'homebrew', command: brew ? [brew, 'services', 'restart', formula] : kick });
}

/** The first of `candidates` that exists, if safe for `selfUid` to run (see unsafeReason); else null. */
export function trustedBrew(candidates: readonly string[], selfUid: number, ownGroups: readonly number[] = myGroups()): string | null {
  const found = candidates.find((file) => statOrNull(file) !== null);
  return found !== undefined && unsafeReason(found, selfUid, ownGroups) === null ? found : null;
}

/** macOS's `admin` group: its members may sudo, and Homebrew makes its tree writable by it. */
const MACOS_ADMIN_GID = 80;

/** The groups this process is in (none where the platform has no groups). */
function myGroups(): number[] {
  return typeof process.getgroups === 'function' ? process.getgroups() : [];
}

/**
 * Why running `file` would let someone other than root or `selfUid` choose what runs: the file
 * (its symlink's target too) or a directory above either is owned by another user, or writable
 * by group or others. A sticky directory owned by root (/tmp) is safe: no one can rename or
 * remove in it what they do not own. For a user other than root who is in macOS's `admin` group
 * (gid 80), writable by `admin` is allowed: Homebrew makes its tree so, and every admin can
 * already become root, so running that brew as the user gives nobody more than they have. Not
 * `staff` or `everyone`, which every local account is in. Null when safe.
 */
export function unsafeReason(file: string, selfUid: number, ownGroups: readonly number[] = []): string | null {
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    return `${file} cannot be resolved`;
  }
  for (const path of new Set([...ancestors(file), ...ancestors(target), target])) {
    const stats = statOrNull(path);
    if (stats === null) return `${path} cannot be read`;
    if (stats.uid !== 0 && stats.uid !== selfUid) return `${path} is owned by uid ${stats.uid}`;
    // A symlink's own mode means nothing; its directory is checked.
    if (stats.isSymbolicLink() || (stats.mode & 0o022) === 0) continue;
    const adminOnly = (stats.mode & 0o002) === 0 && selfUid !== 0 && stats.gid === MACOS_ADMIN_GID && ownGroups.includes(MACOS_ADMIN_GID);
    if (adminOnly) continue;
    if (stats.isDirectory() && (stats.mode & 0o1000) !== 0 && stats.uid === 0) continue;
    return `${path} is writable by ${(stats.mode & 0o002) !== 0 ? 'others' : 'its group'}`;
  }
  return null;
}

/** `path`'s directories, up to `/`. */
function ancestors(path: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
