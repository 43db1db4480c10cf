import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { withoutTools } from '../../test-support/system-tools.js';
import { Children } from './test-support/children.js';
import { inodeOf } from './test-support/socket-inodes.js';

const children = new Children();
afterAll(() => children.stopAll());

const LISTENER = `
import net from 'node:net';
const server = net.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
report({ port: server.address().port });
setInterval(() => {}, 1 << 30);
`;

const isRoot = process.getuid?.() === 0;
/** Why it cannot drop to nobody here (util-linux's setpriv is missing), or null. */
const noSetpriv = isRoot ? withoutTools('setpriv') : null;

describe('OwnerResolver as an unprivileged user (setpriv to nobody)', () => {
  it.skipIf(!isRoot || noSetpriv)(
    'reports permission for a root-owned socket, still resolves its own, and reads the root process partly',
    async () => {
      const rootChild = await children.node(LISTENER);
      const foreignInode = inodeOf('tcp', rootChild.ready['port'] as number);

      // nobody cannot run vitest: bundle the entry into one .mjs it can read and run with node.
      const dir = children.tempDir();
      chmodSync(dir, 0o755);
      const bundle = join(dir, 'resolve-as-user.mjs');
      await build({
        entryPoints: [new URL('./test-support/resolve-as-user-entry.ts', import.meta.url).pathname],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: bundle,
        logLevel: 'silent',
      });
      chmodSync(bundle, 0o644);

      const { stdout } = await promisify(execFile)(
        'setpriv',
        [
          '--reuid=nobody',
          '--regid=nogroup',
          '--clear-groups',
          process.execPath,
          bundle,
          String(foreignInode),
          String(rootChild.pid),
        ],
        { cwd: dir, timeout: 60_000 },
      );
      const report = JSON.parse(stdout) as {
        pid: number;
        uid: number;
        own: number;
        first: Record<string, unknown>;
        firstStats: { unreadableDirs: number };
        second: Record<string, unknown>;
        secondStats: { searchedDirs: number; kind: string };
        third: Record<string, unknown>;
        thirdStats: { searchedDirs: number };
        oneShot: Record<string, unknown> & { deniedProcesses: number };
        foreignInfo: Record<string, unknown> | null;
        foreignEnviron: unknown;
      };

      expect(report.uid).toBe(65534);
      expect(report.first[foreignInode]).toEqual({ reason: 'permission' });
      expect(report.first[report.own]).toEqual({ pids: [report.pid] });
      expect(report.firstStats.unreadableDirs).toBeGreaterThan(0);
      expect(report.oneShot[foreignInode]).toEqual({ reason: 'permission' });
      expect(report.oneShot[report.own]).toEqual({ pids: [report.pid] });
      expect(report.oneShot.deniedProcesses).toBeGreaterThan(0);
      // An unknown inode is searched for in the readable tables, then reported as permission...
      expect(report.second[foreignInode]).toEqual({ reason: 'permission' });
      expect(report.second[report.own]).toEqual({ pids: [report.pid] });
      expect(report.secondStats).toMatchObject({ kind: 'incremental' });
      expect(report.secondStats.searchedDirs).toBeGreaterThan(0);
      // ...unless the socket's uid shows it is another user's: then it is not searched for.
      expect(report.third[foreignInode]).toEqual({ reason: 'permission' });
      expect(report.thirdStats.searchedDirs).toBe(0);
      // Another user's process: stat, status and cmdline are readable; exe, cwd and environ are not.
      expect(report.foreignInfo).toMatchObject({
        pid: rootChild.pid,
        uid: 0,
        user: 'root',
        exe: null,
        cwd: null,
        name: 'node',
      });
      expect(report.foreignEnviron).toEqual({ ok: false, reason: 'permission' });
    },
  );
});
