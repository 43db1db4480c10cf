/**
 * Proxy variables that send "localhost" through a proxy: HTTP_PROXY / HTTPS_PROXY / ALL_PROXY
 * set without localhost in NO_PROXY. Checked in the caller's environment and in the
 * environments of the processes that connect to the port (where /proc/PID/environ is readable).
 */
import type { Finding } from '../../../contract/diagnose-model.js';
import { readEnviron } from '../../owners/environ.js';
import type { Snapshot } from '../../model.js';

const PROXY_NAMES = ['http_proxy', 'https_proxy', 'all_proxy'];

/** The proxy variable that would catch a request to `host` (null: none), from one environment. */
export function proxyCatching(env: Readonly<Record<string, string | undefined>>, host: string): string | null {
  const get = (name: string): string | undefined => env[name] ?? env[name.toUpperCase()];
  const noProxy = (get('no_proxy') ?? '').split(',').map((entry) => entry.trim().toLowerCase().replace(/^\[|\]$/g, ''));
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  const exempt = noProxy.some((entry) => entry === '*' || entry === bare || (entry.startsWith('.') ? bare.endsWith(entry) : false) || (bare.startsWith('127.') && (entry === '127.0.0.0/8' || entry === '127.0.0.1/8')));
  if (exempt) return null;
  const name = PROXY_NAMES.find((n) => get(n));
  return name ? `${env[name] !== undefined ? name : name.toUpperCase()}=${withoutCredentials(get(name) ?? '')}` : null;
}

/**
 * A proxy URL without its user name and password (`http://user:secret@proxy:3128` →
 * `http://proxy:3128`): findings reach the page, browser clients and terminals, and the value
 * may come from another user's /proc/PID/environ.
 */
export function withoutCredentials(value: string): string {
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    return `${value.includes('://') ? `${url.protocol}//` : ''}${url.host}`;
  } catch {
    return '(unreadable value)';
  }
}

/** Findings for the caller's environment and for the clients of `port`. */
export function proxyFindings(host: string, port: number, callerEnv: NodeJS.ProcessEnv, snapshot: Snapshot | null): Finding[] {
  const findings: Finding[] = [];
  const mine = proxyCatching(callerEnv, host);
  if (mine)
    findings.push({ code: 'proxy-caller', severity: 'warning', message: `Your environment has ${mine} and no "${host}" in NO_PROXY: HTTP clients that honour it (curl, many libraries) send ${host} through that proxy. Fix: export NO_PROXY=localhost,127.0.0.1,::1` });
  const clients = new Set<number>();
  for (const row of snapshot?.sockets ?? []) if (row.remotePort === port && row.state !== 'LISTEN') for (const pid of row.pids) clients.add(pid);
  for (const pid of clients) {
    const env = readEnviron(pid);
    if (!env.ok) continue;
    const caught = proxyCatching(env.env, host);
    const name = snapshot?.processes[String(pid)]?.name ?? `pid ${pid}`;
    if (caught) findings.push({ code: 'proxy-client', severity: 'warning', message: `${name} (pid ${pid}), a client of port ${port}, runs with ${caught} and no "${host}" in NO_PROXY: it may be sending ${host} through the proxy` });
  }
  return findings;
}
