// `portlens list --source lsof|netstat --json` against `--source ss` on real sockets: the macOS
// path (lsof names owners itself) and net-tools, end to end through the CLI, here on Linux.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopAllChildren } from '../test-support/children.js';
import { startSharedSocketChild, type SharedSocketChild } from '../test-support/shared-socket-child.js';
import { withoutTools } from '../test-support/system-tools.js';
import { startSocketChild, type SocketChild } from '../core/collect/test-socket-child.js';
import type { SocketRow } from '../contract/model.js';
import { cli } from './test-support/captured-cli.js';

/** `portlens list --json --source <source>`, run in this process. */
async function listJson(source: string): Promise<{ rows: SocketRow[]; stderr: string }> {
  const { code, stdout, stderr } = await cli('list', '--json', '--source', source);
  expect(code, stderr).toBe(0);
  return { rows: JSON.parse(stdout) as SocketRow[], stderr };
}

/** What every source must agree on, owners included. */
const row = (s: SocketRow): string =>
  `${s.protocol}${s.family} ${s.localAddress}:${s.localPort} -> ${s.remoteAddress ?? '*'}:${s.remotePort ?? '*'} ${s.state} inode=${s.inode} uid=${s.uid} pids=${s.pids.join(',')} ${s.scope}`;

describe('list --source lsof|netstat match --source ss on real sockets', () => {
  let child: SocketChild | undefined;
  let shared: SharedSocketChild | undefined;
  let ours: (rows: SocketRow[]) => string[] = () => [];

  beforeAll(async () => {
    child = await startSocketChild();
    shared = await startSharedSocketChild();
    const pids = new Set([child.pid, shared.child.pid, shared.holderPid]);
    ours = (rows) => rows.filter((s) => s.pids.some((pid) => pids.has(pid))).map(row).sort();
  });
  afterAll(async () => {
    await child?.stop();
    await stopAllChildren();
  });

  it.skipIf(withoutTools('lsof', 'ss'))('lsof: the same rows and owners, two holders of the shared socket included', async () => {
    const ss = ours((await listJson('ss')).rows);
    const lsof = await listJson('lsof');
    expect(lsof.stderr).toBe('');
    expect(ours(lsof.rows)).toEqual(ss);
    expect(ss.some((text) => text.includes(`pids=${[shared?.child.pid, shared?.holderPid].sort((a = 0, b = 0) => a - b).join(',')}`))).toBe(true);
    expect(ss.length).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(withoutTools('netstat', 'ss'))('netstat: the same rows and owners', async () => {
    const ss = ours((await listJson('ss')).rows);
    const netstat = await listJson('netstat');
    expect(netstat.stderr).toBe('');
    expect(ours(netstat.rows)).toEqual(ss);
  });
});
