import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutTools } from '../../test-support/system-tools.js';
import type { RawSocket } from '../model.js';

const run = promisify(execFile);
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
const canDropToNobody = process.getuid?.() === 0 && SETPRIV !== undefined;
// As root without setpriv, say why this is skipped.
if (process.getuid?.() === 0 && SETPRIV === undefined) withoutTools('setpriv');
/** The node_modules folder koffi is installed in (its entry is node_modules/koffi/index.cjs). */
const nodeModules = dirname(dirname(createRequire(import.meta.url).resolve('koffi')));

/** What the unprivileged script prints. */
interface NobodyReport {
  uid: number;
  total: number;
  rows: RawSocket[];
}

// `nobody` cannot run vitest, so a tiny entry around the real collector is bundled to a plain
// Node script. koffi is required at run time (core/koffi.ts), found through NODE_PATH in this
// checkout's node_modules.
const ENTRY = `
import { NetlinkCollector } from ${JSON.stringify(fileURLToPath(new URL('./netlink-collector.ts', import.meta.url)))};
const port = Number(process.argv[2]);
const collector = new NetlinkCollector();
const rows = collector.collect();
collector.close();
process.stdout.write(JSON.stringify({ uid: process.getuid(), total: rows.length, rows: rows.filter((r) => r.localPort === port) }));
`;

describe.skipIf(!canDropToNobody)('NetlinkCollector run as user nobody (needs root and setpriv)', () => {
  let dir = '';
  let script = '';
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portlens-nobody-'));
    chmodSync(dir, 0o755);
    script = join(dir, 'collect.cjs');
    await build({
      stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: script,
      logLevel: 'error',
      external: ['koffi'],
    });
    chmodSync(script, 0o644);
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists a root-owned listener with uid 0 and its inode, without throwing', async () => {
    const port = (server.address() as AddressInfo).port;
    const fd = (server as unknown as { _handle: { fd: number } })._handle.fd;
    const inode = Number(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1]);
    const { stdout } = await run(
      SETPRIV ?? 'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, script, String(port)],
      { timeout: 20_000, env: { ...process.env, NODE_PATH: nodeModules } },
    );
    const report = JSON.parse(stdout) as NobodyReport;
    expect(report.uid).toBe(65534);
    expect(report.total).toBeGreaterThan(0);
    expect(report.rows).toContainEqual(
      expect.objectContaining({
        protocol: 'tcp',
        localAddress: '127.0.0.1',
        localPort: port,
        state: 'LISTEN',
        uid: 0,
        inode,
      }),
    );
  });
});
