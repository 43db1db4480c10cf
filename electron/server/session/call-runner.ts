/**
 * Runs a client's calls on the backend and replies to them, within limits: so many at once,
 * and none while the client leaves its replies unread.
 */
import type { CallName, CallRequest, ContractError, Result } from '../../contract/api.js';
import { contractError } from '../../contract/validate.js';
import type { WsReplyMessage } from '../../contract/wire/ws-protocol.js';
import type { Backend } from '../../core/backend/backend.js';
import type { FrameSink } from './frame-sink.js';

/** What a CallRunner needs. */
export interface CallRunnerOptions {
  backend: Pick<Backend, 'call'>;
  sink: Pick<FrameSink, 'send' | 'bufferedAmount'>;
  /** Calls that may run at once. */
  concurrentCalls: number;
  /** A backlog above this refuses calls. */
  highWaterBytes: number;
  log: (line: string) => void;
}

/** One session's calls. */
export class CallRunner {
  private inFlight = 0;

  constructor(private readonly options: CallRunnerOptions) {}

  /** Runs call `id` and replies with its result, or refuses it at once. */
  run(id: number, name: CallName, request: CallRequest<CallName>): void {
    const { backend, sink, concurrentCalls, highWaterBytes, log } = this.options;
    if (name === 'openExternal') {
      // The browser opens links itself (the web transport answers this call locally).
      return this.fail(id, contractError('unsupported', 'in browser mode the page opens links itself'));
    }
    if (sink.bufferedAmount > highWaterBytes) {
      // Replies are not dropped like deltas: a client that asks but never reads would grow this
      // buffer without bound (a snapshot is megabytes). Refuse until it catches up.
      return this.fail(id, contractError('refused', 'this connection is not reading its replies; calls are refused until it does'));
    }
    if (this.inFlight >= concurrentCalls) {
      return this.fail(id, contractError('refused', `too many calls at once (limit ${concurrentCalls})`));
    }
    this.inFlight++;
    backend
      .call(name, request)
      .then(
        (result) => this.reply(id, result),
        (error: unknown) => {
          log(`portlens serve: ${name} failed unexpectedly: ${String(error)}`);
          this.fail(id, contractError('internal', `${name} failed unexpectedly`, String(error)));
        },
      )
      .finally(() => this.inFlight--);
  }

  /** Replies to frame `id` (null: a frame without a usable id) with an error. */
  fail(id: number | null, error: ContractError): void {
    this.reply(id, { ok: false, error });
  }

  private reply(id: number | null, result: Result<unknown>): void {
    this.options.sink.send(JSON.stringify({ id, result } satisfies WsReplyMessage));
  }
}
