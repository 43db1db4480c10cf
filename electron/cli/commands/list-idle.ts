/**
 * `portlens list --idle [DURATION] [--json]`: listeners with no activity for DURATION (default
 * 30m), and orphaned development servers. A one-shot look cannot see the past, so it reads the
 * activity record the app or `portlens serve` keeps (activity.json in the data directory); without
 * a recent one it says so and counts only what the kernel shows now (no open connection).
 */
import type { IdleListener } from '../../contract/diagnose-model.js';
import { hostPort } from '../../contract/reachability.js';
import { loadActivity } from '../../core/diagnose/activity-store.js';
import { DEFAULT_IDLE_MS, idleListeners } from '../../core/diagnose/idle-listeners.js';
import { dataDir } from '../../core/paths.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { UsageError, type CliCommand } from '../io.js';

/** A record older than this was left by a PortLens that is no longer running. */
const FRESH_MS = 2 * 60_000;

/** `90s`, `30m`, `2h`, `1h30m`, `1d` → milliseconds; UsageError otherwise. */
export function durationArg(text: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new UsageError(`--idle takes a duration such as 90s, 30m, 2h or 1h30m; got "${text}"`);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] as string] as number), 0);
}

export const listIdleCommand: CliCommand = async (args, io) => {
  let idleMs = DEFAULT_IDLE_MS;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--idle') {
      const next = args[i + 1];
      if (next !== undefined && /^\d/.test(next)) idleMs = durationArg(args[++i] as string);
    } else throw new UsageError(`list --idle takes only a duration and --json; got ${JSON.stringify(arg)}`);
  }
  const snapshot = await takeSnapshot();
  const record = loadActivity(dataDir());
  const fresh = record !== null && snapshot.time - record.written < FRESH_MS;
  const busy = new Set(snapshot.sockets.filter((r) => r.remotePort !== null && r.state === 'ESTABLISHED').map((r) => `${r.protocol}/${r.localPort}`));
  const lastActive = (row: { protocol: 'tcp' | 'udp'; localPort: number }): number => {
    const key = `${row.protocol}/${row.localPort}`;
    if (busy.has(key)) return snapshot.time;
    return fresh ? (record.ports[key] ?? record.since) : snapshot.time - idleMs; // unknown: only "no connection now"
  };
  const listeners = idleListeners(snapshot, lastActive, idleMs, snapshot.time);
  const note = fresh ? null : 'No PortLens monitor is recording activity (start the app or `portlens serve`): listed are listeners without a connection now; how long they have been idle is unknown.';
  if (json) io.stdout.write(`${JSON.stringify({ idleMs, tracked: fresh, since: fresh ? record.since : null, listeners })}\n`);
  else io.stdout.write(idleText(listeners, idleMs, note));
  return 0;
};

function idleText(listeners: IdleListener[], idleMs: number, note: string | null): string {
  const lines = note ? [note] : [];
  lines.push(`${listeners.length} listener${listeners.length === 1 ? '' : 's'} idle for ${Math.round(idleMs / 60_000)} min or more, or orphaned`);
  for (const l of listeners) {
    const idle = note ? 'no connection now' : `idle ${Math.round(l.idleMs / 60_000)} min`;
    lines.push(`  ${`${l.name ?? '?'} (pid ${l.pid ?? '?'})`.padEnd(24)} ${hostPort(l.localAddress, l.localPort).padEnd(22)} ${idle}${l.orphan ? `; orphan: ${l.orphan}` : ''}`);
  }
  if (listeners.length) lines.push('Close them with: portlens kill --pid PID (it previews what will end)');
  return `${lines.join('\n')}\n`;
}
