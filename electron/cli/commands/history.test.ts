/** `portlens history` on a real store in a temporary data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_EVENT_FIELDS, HistoryEvent } from '../../contract/history.js';
import { appendHistoryEvents, historyDir } from '../../core/history/history-store.js';
import { sampleEvent } from '../../core/history/test-support/history-events.js';
import { cli } from '../test-support/captured-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'portlens-cli-history-'));
const now = Date.now();
// One event a minute for the last three hours.
const events = Array.from({ length: 180 }, (_, i) => sampleEvent(i, now - 180 * 60_000, 60_000));

beforeAll(() => {
  process.env.PORTLENS_DATA_DIR = dataDir;
  appendHistoryEvents(historyDir(dataDir), events, dataDir);
});
afterAll(() => {
  delete process.env.PORTLENS_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('portlens history', () => {
  it('--json --since gives the events from then on, oldest first, each a valid HistoryEvent', async () => {
    const since = now - 3_600_000;
    const { code, stdout, stderr } = await cli('history', '--since', new Date(since).toISOString(), '--json');
    expect([code, stderr]).toEqual([0, '']);
    const got = (JSON.parse(stdout) as unknown[]).map((e) => HistoryEvent.parse(e));
    expect(got).toEqual(events.filter((e) => e.time >= since));
    expect(got).toHaveLength(60);
  });

  it('--port and --pid narrow it; the table names the owner and the peer', async () => {
    const target = events.find((e) => e.type === 'connection-closed')!;
    const { code, stdout } = await cli('history', '--port', String(target.localPort), '--pid', String(target.pid));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(events.filter((e) => e.localPort === target.localPort && e.pid === target.pid).length);
    expect(stdout).toContain(`connection-closed  tcp`);
    expect(stdout).toContain(`${target.processName} (${target.pid})`);
    expect(stdout).toContain(`→ ${target.remoteAddress}:${target.remotePort}`);
  });

  it('--csv writes a header of the event fields and one line per event', async () => {
    const { code, stdout } = await cli('history', '--csv', '--limit', '5');
    expect(code).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe(HISTORY_EVENT_FIELDS.join(','));
    expect(lines.slice(1, -1)).toHaveLength(5);
    expect(lines[5]).toContain(events[179]!.detail!);
  });

  it('says so when nothing matches, and refuses a time it cannot read (exit 2)', async () => {
    expect((await cli('history', '--port', '9')).stdout).toBe('no recorded events match\n');
    const bad = await cli('history', '--since', 'yesterday-ish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be a duration \(30m, 1h, 2d\) or a date/);
  });
});
