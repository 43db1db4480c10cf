/**
 * Calls over the WebSocket: each request gets an id, its reply is matched by that id and
 * checked against the contract, and a call with no reply in time fails with `timeout`. Every
 * call resolves to a Result; nothing here throws into the UI.
 */
import type { CallName, CallRequest, CallResponse, ContractError, Result } from '@contract/api';
import type { Disposable } from '@contract/events';
import { contractResponseChecker, failure, type ResponseChecker } from './response-check';
import { pageTimers, type Timers } from './timers';

/** What a CallClient needs. */
export interface CallClientOptions {
  /** Sends a request frame; false when not connected. */
  send(text: string): boolean;
  /** How long an ordinary call may take. */
  timeoutMs: number;
  checker?: ResponseChecker;
  timers?: Timers;
}

// Kill and restart wait for processes (up to their own timeouts): give them room.
const LONG_CALLS: Partial<Record<CallName, number>> = { kill: 150_000, restart: 330_000, logs: 60_000 };

/** Why pending calls fail when their socket closes. */
export const CONNECTION_LOST_ERROR: ContractError = {
  code: 'failed',
  message: 'the connection to the PortLens server was lost',
  detail: null,
};

interface Pending {
  name: CallName;
  resolve: (result: Result<unknown> | Promise<Result<unknown>>) => void;
  timer: unknown;
}

/** The calls waiting for their replies. */
export class CallClient implements Disposable {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly checker: ResponseChecker;
  private readonly timers: Timers;

  constructor(private readonly options: CallClientOptions) {
    this.checker = options.checker ?? contractResponseChecker();
    this.timers = options.timers ?? pageTimers;
  }

  /** Runs one call on the server. */
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<Result<CallResponse<N>>> {
    return new Promise<Result<unknown>>((resolve) => {
      const id = this.nextId++;
      if (!this.options.send(JSON.stringify({ id, call: name, request }))) {
        return resolve(failure('failed', 'not connected to the PortLens server (reconnecting)'));
      }
      this.checker.prepare(name);
      const timeoutMs = LONG_CALLS[name] ?? this.options.timeoutMs;
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(id);
        resolve(failure('timeout', `${name} got no answer from the PortLens server within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { name, resolve, timer });
    }) as Promise<Result<CallResponse<N>>>;
  }

  /** A reply arrived: settles its call. False when no call waits for `id`. */
  settle(id: number | null, result: Result<unknown>): boolean {
    const call = id === null ? undefined : this.pending.get(id);
    if (id === null || !call) return false;
    this.pending.delete(id);
    this.timers.clearTimeout(call.timer);
    call.resolve(this.checker.check(call.name, result));
    return true;
  }

  /** Fails every waiting call with `error` (the socket closed: their replies will never come). */
  failPending(error: ContractError): void {
    for (const [id, call] of this.pending) {
      this.timers.clearTimeout(call.timer);
      this.pending.delete(id);
      call.resolve({ ok: false, error });
    }
  }

  dispose(): void {
    this.failPending(CONNECTION_LOST_ERROR);
  }
}
