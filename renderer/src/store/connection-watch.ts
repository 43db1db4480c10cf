/**
 * Notices a dead transport. The stream sends a delta every poll; when it falls silent for
 * several polls, a cheap call probes the other end. A failed probe means "disconnected"
 * until a later probe (automatic, or the user's Retry) answers again.
 */

/**
 * Connection state as the UI shows it; `gone` (the server no longer answers) and `stale` (a new
 * server refuses this page's token) come from the web transport only.
 */
export type ConnectionState = 'connected' | 'disconnected' | 'retrying' | 'gone' | 'stale';

/** Timings; the defaults suit a 1 s poll. */
export interface WatchOptions {
  /** Silence that triggers a probe. */
  staleAfterMs: number;
  /** How often silence is checked, and how often a disconnected watch retries. */
  checkEveryMs: number;
  /** A probe that has not answered by then failed. */
  probeTimeoutMs: number;
}

/** Default timings. */
export const DEFAULT_WATCH: WatchOptions = { staleAfterMs: 6000, checkEveryMs: 2500, probeTimeoutMs: 4000 };

/** Watches one connection. */
export class ConnectionWatch {
  private lastMessageAt = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;
  private probing = false;
  private state: ConnectionState = 'connected';

  constructor(
    private readonly probe: () => Promise<boolean>,
    /** `resubscribe`: a probe found the other end again; the stream must be restarted. */
    private readonly onChange: (state: ConnectionState, resubscribe: boolean) => void,
    private options: WatchOptions = DEFAULT_WATCH,
  ) {}

  /** Starts the periodic check. */
  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.checkEveryMs);
  }

  /** Stops checking. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Adapts to the poll interval: silence of five polls (at least 6 s) is suspicious. */
  setPollInterval(ms: number): void {
    this.options = { ...this.options, staleAfterMs: Math.max(DEFAULT_WATCH.staleAfterMs, ms * 5) };
  }

  /** A stream message arrived: the connection is alive. */
  noteMessage(): void {
    this.lastMessageAt = Date.now();
    if (this.state !== 'connected') this.set('connected', false);
  }

  /** Probes now (the Retry button). */
  retry(): void {
    void this.runProbe(true);
  }

  private async check(): Promise<void> {
    if (this.state === 'connected' && Date.now() - this.lastMessageAt < this.options.staleAfterMs) return;
    await this.runProbe(this.state !== 'connected');
  }

  private async runProbe(showRetrying: boolean): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    if (showRetrying) this.set('retrying', false);
    let alive: boolean;
    try {
      alive = await Promise.race([
        this.probe(),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.options.probeTimeoutMs)),
      ]);
    } catch {
      alive = false;
    } finally {
      this.probing = false;
    }
    if (alive) {
      this.lastMessageAt = Date.now();
      if (this.state !== 'connected') this.set('connected', true);
    } else this.set('disconnected', false);
  }

  private set(state: ConnectionState, resubscribe: boolean): void {
    if (this.state === state) return;
    this.state = state;
    this.onChange(state, resubscribe);
  }
}
