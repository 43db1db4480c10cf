/**
 * Sending a signal to exactly the process the user saw. Each platform's signaller re-checks the
 * identity (through `verify`) as late as it can before the signal goes out.
 */
import type { IdentityState } from './identity.js';

/** The two ways PortLens ends a process; `probe` asks "may I?" without signalling (signal 0). */
export type KillSignal = 'SIGTERM' | 'SIGKILL';

/** What happened: sent; it had already ended; the pid is now another process; not allowed. */
export type SendOutcome = 'sent' | 'gone' | 'stale' | 'permission';

/** Delivers signals by platform; see createSignaller. */
export interface ProcessSignaller {
  /** For diagnostics: `pidfd`, `kill`, `taskkill`. */
  readonly mechanism: string;
  /**
   * Sends `signal` to `pid` if `verify()` (called immediately before sending) says it is still
   * the same process. Never throws for the expected failures; they are outcomes.
   */
  send(pid: number, signal: KillSignal | 'probe', verify: () => IdentityState): Promise<SendOutcome>;
}

/** Maps a failed identity check to an outcome, or null when it is the same process. */
export function outcomeOfIdentity(state: IdentityState): SendOutcome | null {
  if (state === 'gone') return 'gone';
  if (state === 'different') return 'stale';
  return null;
}

/**
 * A signaller that checks `verify()` and then sends with `send`: for mechanisms that cannot pin
 * the process first (kill, taskkill), so a short window remains between the check and the send.
 */
export function verifyThenSend(
  mechanism: string,
  send: (pid: number, signal: KillSignal | 'probe') => SendOutcome | Promise<SendOutcome>,
): ProcessSignaller {
  return {
    mechanism,
    async send(pid, signal, verify) {
      const early = outcomeOfIdentity(verify());
      if (early) return early;
      return send(pid, signal);
    },
  };
}
