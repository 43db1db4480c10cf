// Which system tools are installed. The suites and the benchmark drive `ss`, `lsof`, `netstat`
// and `setpriv` for real where they exist, and skip what needs them, saying so, where they do
// not: a machine with Node and npm alone must pass `npm ci && npm test` (.ci/run installs them).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import process from 'node:process';

/**
 * The Debian package that brings each tool, for the hint.
 * @type {Readonly<Record<string, string>>}
 */
export const DEBIAN_PACKAGES = {
  ss: 'iproute2',
  ip: 'iproute2',
  netstat: 'net-tools',
  lsof: 'lsof',
  setpriv: 'util-linux',
  unshare: 'util-linux',
  python3: 'python3',
  nft: 'nftables',
  ps: 'procps',
  id: 'coreutils',
};

/**
 * The executable `name` resolves to on PATH (as spawn would find it), or null.
 * @param {string} name
 * @returns {string | null}
 */
export function findTool(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return null;
}

/**
 * Why `names` cannot all be run here ("`ss` is not installed (Debian: apt-get install iproute2)"), or null.
 * @param {readonly string[]} names
 * @returns {string | null}
 */
export function missingTools(names) {
  const missing = names.filter((name) => findTool(name) === null);
  if (missing.length === 0) return null;
  const hint = missing.map((name) => DEBIAN_PACKAGES[name]).filter(Boolean);
  const list = missing.map((name) => `\`${name}\``).join(', ');
  return `${list} ${missing.length === 1 ? 'is' : 'are'} not installed${hint.length ? ` (Debian: apt-get install ${[...new Set(hint)].join(' ')})` : ''}`;
}
