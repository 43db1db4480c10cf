/**
 * What the target's host resolves to here, in the order a client tries: the classic trap is
 * `localhost` going to ::1 first while the server listens on 127.0.0.1 (or the other way round).
 */
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import type { Finding } from '../../../contract/diagnose-model.js';
import { readIp, type IpAddress } from '../../../contract/target-address.js';
import { bounded } from '../bounded.js';

export interface Resolution {
  addresses: IpAddress[];
  findings: Finding[];
}

/** Resolves `host` (null: a bare port, read as localhost, as a browser does) with the system resolver. */
export async function resolveHost(host: string | null, ip: IpAddress | null, budgetMs: number, hostsFile = '/etc/hosts'): Promise<Resolution> {
  if (ip) return { addresses: [ip], findings: [] };
  const name = host ?? 'localhost';
  const resolved = await bounded(
    async () => (await lookup(name, { all: true, order: 'verbatim' })).flatMap((entry) => readIp(entry.address) ?? []),
    budgetMs,
    null,
  );
  const findings: Finding[] = [];
  const addresses = dedupe(resolved ?? []);
  if (resolved === null) findings.push({ code: 'resolve-failed', severity: 'error', message: `${name} did not resolve here in ${budgetMs} ms` });
  else if (addresses.length === 0) findings.push({ code: 'resolve-empty', severity: 'error', message: `${name} resolves to no address here` });
  else findings.push({ code: 'resolves', severity: 'info', message: `${name} resolves here to ${addresses.map((a) => a.address).join(', then ')} (system resolver, in order)` });
  if (name === 'localhost') findings.push(...hostsFindings(hostsFile));
  return { addresses, findings };
}

/** /etc/hosts should map localhost to both 127.0.0.1 and ::1; say which line is missing. */
function hostsFindings(file: string): Finding[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [{ code: 'hosts-unreadable', severity: 'warning', message: `${file} is unreadable: localhost resolves without it` }];
  }
  const mapped = new Set<string>();
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && names.some((n) => n.toLowerCase() === 'localhost')) mapped.add(readIp(address)?.address ?? address);
  }
  const missing = ['127.0.0.1', '::1'].filter((address) => !mapped.has(address));
  if (missing.length === 0) return [];
  return [
    {
      code: 'hosts-localhost',
      severity: missing.includes('127.0.0.1') ? 'warning' : 'info',
      message: `${file} has no "${missing.join('" or "')} localhost" line: localhost ${missing.length === 2 ? 'depends on the resolver alone' : `does not go to ${missing[0]}`}`,
    },
  ];
}

function dedupe(addresses: IpAddress[]): IpAddress[] {
  const seen = new Set<string>();
  return addresses.filter((a) => !seen.has(a.address) && seen.add(a.address));
}
