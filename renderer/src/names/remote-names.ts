/**
 * Names of the remote addresses on screen, from the `names` call (which never waits: it answers
 * what is known and looks the rest up in the background, so asking again later brings the
 * rest). Asked every few seconds while a remote cell shows; empty when `resolveNames` is off.
 */
import type { PortLensApi } from '@contract/api';
import { asSubscribe, Emitter } from '@contract/events';
import type { SocketData } from '../store/socket-data';

const ASK_EVERY_MS = 2_000;
/** The call takes at most this many addresses. */
const MAX_ADDRESSES = 2_000;

/** The cache of names; one per window. */
export class RemoteNames {
  private names = new Map<string, string>();
  private services = new Map<string, string>();
  private version = 0;
  private readonly changed = new Emitter<void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private listeners = 0;
  private asking = false;

  constructor(
    private readonly api: PortLensApi,
    private readonly data: SocketData,
  ) {}

  /** useSyncExternalStore's subscribe: asks for names while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    const stop = asSubscribe(this.changed.event)(listener);
    if (this.listeners++ === 0) {
      void this.ask();
      this.timer = setInterval(() => void this.ask(), ASK_EVERY_MS);
    }
    return () => {
      stop();
      if (--this.listeners === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  readonly getVersion = (): number => this.version;

  /** The name or range label of an address, if known. */
  get(address: string): string | undefined {
    return this.names.get(address);
  }

  /** The services database's name of a listening port (`postgresql` for 5432/tcp), if any. */
  service(port: number, protocol: 'tcp' | 'udp'): string | undefined {
    return this.services.get(`${port}/${protocol}`);
  }

  /** Asks about the remote addresses in the data, those without a name first. */
  private async ask(): Promise<void> {
    if (this.asking) return;
    const unnamed: string[] = [];
    const named: string[] = [];
    const seen = new Set<string>();
    const ports = new Map<string, { port: number; protocol: 'tcp' | 'udp' }>();
    for (const { row } of this.data.rows.values()) {
      if (row.remoteAddress === null && ports.size < MAX_ADDRESSES)
        ports.set(`${row.localPort}/${row.protocol}`, { port: row.localPort, protocol: row.protocol });
      const address = row.remoteAddress;
      if (address === null || seen.has(address)) continue;
      seen.add(address);
      (this.names.has(address) ? named : unnamed).push(address);
    }
    const addresses = [...unnamed, ...named].slice(0, MAX_ADDRESSES);
    if (!addresses.length && !ports.size) return;
    this.asking = true;
    try {
      const result = await this.api.names({ addresses, ports: [...ports.values()] });
      if (!result.ok) return;
      const next = new Map(Object.entries(result.value.names));
      const services = new Map(Object.entries(result.value.services));
      if (!sameMap(next, this.names) || !sameMap(services, this.services)) {
        this.names = next;
        this.services = services;
        this.version++;
        this.changed.fire();
      }
    } catch {
      // A transport error: the next round asks again.
    } finally {
      this.asking = false;
    }
  }
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
