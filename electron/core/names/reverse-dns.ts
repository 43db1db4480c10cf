/**
 * Reverse DNS for remote addresses that never blocks a poll: `peek` answers from the cache at
 * once (starting a lookup in the background when there is nothing), `onResolved` fires when a
 * lookup lands. Special-purpose addresses get their label instead (address-labels.ts). Answers
 * are kept for `ttlMs` (Node's resolver does not report the record's TTL, so a bounded default:
 * 5 minutes, 1 minute for "no name"), at most `maxEntries`, with `concurrency` lookups at once.
 */
import { Resolver } from 'node:dns/promises';
import { Emitter, type Event } from '../../contract/events.js';
import { addressLabel } from './address-labels.js';

/** What is known about an address's name now. */
export type NameAnswer =
  | { kind: 'label'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'none' }
  | { kind: 'pending' };

export interface ReverseDnsOptions {
  ttlMs?: number;
  negativeTtlMs?: number;
  maxEntries?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** DNS servers (`ip` or `ip:port`); default the system's. */
  servers?: string[];
  now?: () => number;
}

interface Entry {
  name: string | null;
  expires: number;
}

export class ReverseDns {
  private readonly cache = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly inFlight = new Map<string, Promise<string | null>>();
  /** Queued lookups' starters, by address. */
  private readonly pending = new Map<string, () => void>();
  private running = 0;
  private readonly resolver: Resolver;
  private readonly resolved = new Emitter<{ address: string; name: string | null }>();
  private readonly options: Required<Omit<ReverseDnsOptions, 'servers'>>;
  readonly onResolved: Event<{ address: string; name: string | null }> = this.resolved.event;

  constructor(options: ReverseDnsOptions = {}) {
    this.options = {
      ttlMs: options.ttlMs ?? 300_000,
      negativeTtlMs: options.negativeTtlMs ?? 60_000,
      maxEntries: options.maxEntries ?? 10_000,
      concurrency: options.concurrency ?? 4,
      timeoutMs: options.timeoutMs ?? 2000,
      now: options.now ?? Date.now,
    };
    this.resolver = new Resolver({ timeout: this.options.timeoutMs, tries: 1 });
    if (options.servers) this.resolver.setServers(options.servers);
  }

  /** The answer now, never waiting; a miss queues a lookup. */
  peek(address: string): NameAnswer {
    const label = addressLabel(address);
    if (label) return { kind: 'label', text: label };
    const entry = this.cache.get(address);
    if (entry && entry.expires > this.options.now()) return entry.name === null ? { kind: 'none' } : { kind: 'name', text: entry.name };
    void this.lookup(address);
    return { kind: 'pending' };
  }

  /** The name, waiting for the lookup (a one-shot listing); null for none, or a labelled address. */
  async resolve(address: string): Promise<string | null> {
    const now = this.peek(address);
    if (now.kind === 'name') return now.text;
    if (now.kind !== 'pending') return null;
    return this.lookup(address);
  }

  /** Stops: queued lookups are dropped, running ones end on their own timeout. */
  dispose(): void {
    this.waiting.length = 0;
    this.resolved.dispose();
  }

  private lookup(address: string): Promise<string | null> {
    const running = this.inFlight.get(address);
    if (running) return running;
    const job = new Promise<string | null>((resolve) => {
      const start = (): void => {
        this.resolver
          .reverse(address)
          .then((names) => names[0] ?? null, () => null)
          .then((name) => {
            this.remember(address, name);
            this.inFlight.delete(address);
            this.running--;
            resolve(name);
            this.resolved.fire({ address, name });
            this.next();
          });
      };
      this.pending.set(address, start);
      this.waiting.push(address);
      this.next();
    });
    this.inFlight.set(address, job);
    return job;
  }

  private next(): void {
    while (this.running < this.options.concurrency && this.waiting.length) {
      const address = this.waiting.shift() as string;
      const start = this.pending.get(address);
      this.pending.delete(address);
      if (!start) continue;
      this.running++;
      start();
    }
  }

  private remember(address: string, name: string | null): void {
    if (this.cache.size >= this.options.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.delete(address);
    this.cache.set(address, { name, expires: this.options.now() + (name === null ? this.options.negativeTtlMs : this.options.ttlMs) });
  }
}
