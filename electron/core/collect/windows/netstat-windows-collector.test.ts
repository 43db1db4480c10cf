// Windows' netstat cannot run here: the collector runs a stand-in netstat that prints a real
// capture, so what is tested is its wiring (argv, parsing, owners by socket), not Windows.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectorError } from '../../model.js';
import { WindowsProcesses } from '../../owners/windows/windows-processes.js';
import { SnapshotPipeline } from '../../snapshot/pipeline.js';
import { NetstatCollector } from '../netstat/netstat-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'portlens-netstat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in netstat printing a capture of fixtures/ (without its `# ` header) and its argv to a file. */
function standIn(capture: string, status = 0): string {
  const file = fileURLToPath(new URL(`./fixtures/${capture}`, import.meta.url));
  const script = join(dir, `netstat-${capture}-${status}`);
  writeFileSync(script, `#!/bin/sh\necho "$@" > '${script}.argv'\ngrep -v '^# ' '${file}' | sed 's/$/\\r/'\nexit ${status}\n`);
  chmodSync(script, 0o755);
  return script;
}

// The stand-in is a /bin/sh script: on Windows itself the real netstat runs instead, in
// electron/core/actions/platform-live.test.ts.
const onWindows = process.platform === 'win32';
if (onWindows) console.log('netstat stand-in tests skipped: the stand-in is a /bin/sh script (platform-live.test.ts runs the real netstat)');

describe.skipIf(onWindows)('netstat collector in Windows mode (stand-in netstat printing real captures)', () => {
  it('runs netstat -ano and names each socket\'s owners from the pid column (stand-in)', () => {
    const netstat = standIn('netstat-ano-zh-cn.txt');
    const collector = new NetstatCollector({ platform: 'win32', command: netstat });
    const sockets = collector.collect();
    expect(readFileSync(`${netstat}.argv`, 'utf8').trim()).toBe('-ano');
    expect(collector.lastWarnings).toEqual([]);
    expect(sockets).toHaveLength(10);
    const smb = sockets.find((s) => s.localPort === 445);
    expect(smb && collector.ownersOf?.(smb)).toEqual([4]);
    const ssdp = sockets.filter((s) => s.localPort === 1900);
    expect(ssdp.map((s) => collector.ownersOf?.(s))).toEqual([[10224], [10224], [10224]]);
  });

  it('turns a failing netstat into a CollectorError (stand-in)', () => {
    const collector = new NetstatCollector({ platform: 'win32', command: standIn('netstat-ano-windows-10.txt', 1) });
    expect(() => collector.collect()).toThrow(CollectorError);
  });
});

describe.skipIf(onWindows)('a Windows snapshot (stand-in netstat and PowerShell)', () => {
  it('keeps netstat\'s owners and says so in the snapshot when PowerShell fails (stand-in)', async () => {
    const collector = new NetstatCollector({ platform: 'win32', command: standIn('netstat-ano-zh-cn.txt') });
    const powershellFails = new WindowsProcesses(() => ({ status: 1, stdout: '', stderr: 'Get-CimInstance : Access denied', error: null }));
    const pipeline = new SnapshotPipeline({ collector, owners: { resolve: () => ({ get: () => undefined }) }, processes: powershellFails, history: false });
    const snapshot = await pipeline.tick();
    expect(snapshot.sockets.find((row) => row.localPort === 902)?.pids).toEqual([4712]);
    expect(snapshot.processes).toEqual({});
    expect(snapshot.warnings).toContain('powershell.exe failed (exit status 1: Get-CimInstance : Access denied)');
  });
});
