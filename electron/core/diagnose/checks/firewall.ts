/**
 * The firewall's word on a port: nftables rules (`nft -j list ruleset`) or iptables rules
 * (`iptables -S`, `ip6tables -S`) that match the destination port and drop or reject it, read
 * where permitted (root); firewalld and ufw state where present. Otherwise "unknown — needs
 * root", with the command to check by hand.
 */
import { execFile } from 'node:child_process';
import type { Finding } from '../../../contract/diagnose-model.js';
import { findTool } from './find-tool.js';

/** A rule that blocks the port. */
export interface BlockingRule {
  port: number;
  tool: 'nftables' | 'iptables' | 'ip6tables';
  action: 'drop' | 'reject';
  /** The rule as its tool names it (`table inet filter chain input handle 3: tcp dport 62893 drop`). */
  text: string;
  /** The command that removes it. */
  remove: string;
}

export interface FirewallReading {
  /** `open`: rules were read and none blocks the port; `blocked`: one does; `unknown`: not readable. */
  state: 'open' | 'blocked' | 'unknown';
  rules: BlockingRule[];
  /** What was read, for the audit's one line: `nftables`, `iptables`, `unknown — needs root: …`. */
  summary: string;
  findings: Finding[];
}

const run = (file: string, args: string[], timeoutMs: number): Promise<string | null> =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout) => resolve(error ? null : stdout));
  });

/**
 * Where PortLens does not read the firewall (macOS: the Application Firewall and pf; Windows:
 * Windows Defender Firewall), the commands that answer by hand for these ports. Rules are not
 * parsed there: no real capture of those tools' output to prove a parser on.
 */
export function firewallByHand(ports: readonly number[], platform: NodeJS.Platform): FirewallReading | null {
  const list = ports.join(',');
  let command: string;
  if (platform === 'darwin')
    command = `/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate; sudo pfctl -sr | grep -E 'port (= )?(${ports.join('|')})'`;
  else if (platform === 'win32')
    command = `Get-NetFirewallPortFilter -Protocol TCP | Where-Object LocalPort -In ${list} | Get-NetFirewallRule | Where-Object Enabled -eq True`;
  else return null;
  const summary = `not read on ${platform === 'darwin' ? 'macOS' : 'Windows'}: ${command}`;
  const message = `Firewall rules: not read on ${platform === 'darwin' ? 'macOS' : 'Windows'}. Check with: ${command}`;
  return { state: 'unknown', rules: [], summary, findings: [{ code: 'firewall-unknown', severity: 'info', message }] };
}

/** Reads the firewall for TCP `ports` (the audit asks about many at once). */
export async function readFirewall(
  ports: readonly number[],
  timeoutMs: number,
  isRoot = process.geteuid?.() === 0,
  platform: NodeJS.Platform = process.platform,
): Promise<FirewallReading> {
  const byHand = firewallByHand(ports, platform);
  if (byHand) return byHand;
  const findings: Finding[] = [];
  const nft = findTool('nft');
  const iptables = findTool('iptables');
  findings.push(...(await frontEnds(timeoutMs)));
  if (!isRoot) {
    const command = nft ? `sudo nft -a list ruleset | grep -n dport` : iptables ? `sudo iptables -S | grep -- --dport` : 'sudo nft -a list ruleset';
    const summary = `unknown — needs root: ${command}`;
    findings.push({ code: 'firewall-unknown', severity: 'info', message: `Firewall rules: unknown — reading them needs root. Check with: ${command}` });
    return { state: 'unknown', rules: [], summary, findings };
  }
  const rules: BlockingRule[] = [];
  const read: string[] = [];
  if (nft) {
    const text = await run(nft, ['-j', 'list', 'ruleset'], timeoutMs);
    if (text !== null) {
      read.push('nftables');
      for (const port of ports) rules.push(...nftRulesBlocking(text, port));
    }
  }
  for (const tool of ['iptables', 'ip6tables'] as const) {
    const path = findTool(tool);
    const text = path ? await run(path, ['-S'], timeoutMs) : null;
    if (text === null) continue;
    read.push(tool);
    for (const port of ports) rules.push(...iptablesRulesBlocking(text, port, tool));
  }
  if (read.length === 0) {
    findings.push({ code: 'firewall-none', severity: 'info', message: 'No firewall tool (nft, iptables) is installed: no rules to read' });
    return { state: 'unknown', rules, summary: 'no firewall tool installed', findings };
  }
  for (const rule of rules)
    findings.push({ code: 'firewall-rule', severity: 'error', message: `The firewall ${rule.action}s port ${rule.port}: ${rule.tool} ${rule.text}` });
  if (rules.length === 0 && ports.length === 1) findings.push({ code: 'firewall-open', severity: 'info', message: `No ${read.join('/')} rule drops or rejects port ${ports[0]}` });
  return { state: rules.length ? 'blocked' : 'open', rules, summary: read.join(', '), findings };
}

/** firewalld and ufw, where installed: their state, for the user to know who manages the rules. */
async function frontEnds(timeoutMs: number): Promise<Finding[]> {
  const findings: Finding[] = [];
  const firewalld = findTool('firewall-cmd');
  if (firewalld) {
    const state = (await run(firewalld, ['--state'], timeoutMs))?.trim() ?? 'unknown (needs root or D-Bus)';
    findings.push({ code: 'firewalld', severity: 'info', message: `firewalld: ${state}; list its open ports with: sudo firewall-cmd --list-all` });
  }
  const ufw = findTool('ufw');
  if (ufw) {
    const state = (await run(ufw, ['status'], timeoutMs))?.split('\n')[0]?.trim() ?? 'unknown (needs root)';
    findings.push({ code: 'ufw', severity: 'info', message: `ufw: ${state}; see its rules with: sudo ufw status verbose` });
  }
  return findings;
}

type Json = Record<string, unknown>;

/** nftables rules, in chains on the local paths, that match `dport` = port and drop or reject. */
export function nftRulesBlocking(jsonText: string, port: number): BlockingRule[] {
  let items: unknown[];
  try {
    const parsed = JSON.parse(jsonText) as { nftables?: unknown };
    items = Array.isArray(parsed.nftables) ? parsed.nftables : [];
  } catch {
    return [];
  }
  const rules: BlockingRule[] = [];
  for (const item of items) {
    const rule = (item as Json | null)?.rule as Json | undefined;
    if (!rule || !Array.isArray(rule.expr)) continue;
    const exprs = rule.expr as Json[];
    const verdict = exprs.some((e) => 'drop' in e) ? 'drop' : exprs.some((e) => 'reject' in e) ? 'reject' : null;
    const match = exprs.find((e) => portMatches(e.match as Json | undefined, port));
    if (!verdict || !match) continue;
    const where = `table ${String(rule.family)} ${String(rule.table)} chain ${String(rule.chain)} handle ${String(rule.handle)}`;
    const proto = String(((match.match as Json).left as Json).payload && (((match.match as Json).left as Json).payload as Json).protocol);
    rules.push({
      port,
      tool: 'nftables',
      action: verdict,
      text: `${where}: ${proto} dport ${JSON.stringify((match.match as Json).right)} ${verdict}`,
      remove: `sudo nft delete rule ${String(rule.family)} ${String(rule.table)} ${String(rule.chain)} handle ${String(rule.handle)}`,
    });
  }
  return rules;
}

/** `tcp dport 62893`, `{ 80, 62893 }`, `60000-63000` and `!=` forms. */
function portMatches(match: Json | undefined, port: number): boolean {
  if (!match) return false;
  const payload = (match.left as Json | undefined)?.payload as Json | undefined;
  if (!payload || payload.field !== 'dport' || (payload.protocol !== 'tcp' && payload.protocol !== 'th')) return false;
  const hit = valueHas(match.right, port);
  return match.op === '!=' ? !hit : hit;
}

function valueHas(value: unknown, port: number): boolean {
  if (typeof value === 'number') return value === port;
  if (Array.isArray(value)) return value.some((v) => valueHas(v, port));
  if (value && typeof value === 'object') {
    const v = value as Json;
    if (Array.isArray(v.range)) return Number(v.range[0]) <= port && port <= Number(v.range[1]);
    if ('set' in v) return valueHas(v.set, port);
  }
  return false;
}

/** `-A INPUT -p tcp -m tcp --dport 62893 -j DROP` (and `--dports a,b:c`). */
export function iptablesRulesBlocking(text: string, port: number, tool: 'iptables' | 'ip6tables'): BlockingRule[] {
  const rules: BlockingRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('-A ') || !/-p tcp\b/.test(line)) continue;
    const target = /-j (DROP|REJECT)\b/.exec(line)?.[1];
    const ports = /--dports? (\S+)/.exec(line)?.[1];
    if (!target || !ports || line.includes('! --dport')) continue;
    const hit = ports.split(',').some((part) => {
      const [low, high = low] = part.split(':').map(Number);
      return low !== undefined && high !== undefined && low <= port && port <= high;
    });
    if (hit)
      rules.push({ port, tool, action: target === 'DROP' ? 'drop' : 'reject', text: line, remove: `sudo ${tool} ${line.replace(/^-A /, '-D ')}` });
  }
  return rules;
}
