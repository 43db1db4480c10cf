/**
 * Names for a one-shot listing (`list --resolve`): every distinct remote address looked up at
 * once, waiting at most `deadlineMs` in all (an address still unanswered then shows without a
 * name), plus service names from the services database.
 */
import { addressLabel } from './address-labels.js';
import { ReverseDns } from './reverse-dns.js';
import { serviceName } from './services.js';

export interface ListingNames {
  /** The host name or range label of a remote address, or null. */
  remote(address: string): string | null;
  service(port: number, protocol: 'tcp' | 'udp'): string | null;
}

export async function resolveListingNames(addresses: Iterable<string>, deadlineMs = 3000): Promise<ListingNames> {
  const dns = new ReverseDns({ timeoutMs: Math.min(2000, deadlineMs) });
  const names = new Map<string, string | null>();
  const lookups = [...new Set(addresses)].map(async (address) => names.set(address, addressLabel(address) ?? (await dns.resolve(address))));
  await Promise.race([Promise.all(lookups), new Promise((resolve) => setTimeout(resolve, deadlineMs).unref())]);
  dns.dispose();
  return { remote: (address) => names.get(address) ?? null, service: (port, protocol) => serviceName(port, protocol) };
}
