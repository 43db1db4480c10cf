/**
 * The Backend of an app on a platform the monitor cannot run on (platform-support.ts): no
 * worker, no settings, no actions. Every call and the stream answer one typed error with the
 * code `unsupported`, which the window shows as a page of its own, not as errors piling up.
 */
import type { StreamMessage } from '../../contract/api.js';
import { Emitter } from '../../contract/events.js';
import { contractError } from '../../contract/validate.js';
import type { LocalBackend } from '../../core/backend/create-backend.js';
import type { SnapshotView } from '../../core/monitor/monitor-host.js';

/** A LocalBackend that says `message` to every call and subscriber. */
export function unsupportedBackend(message: string): LocalBackend {
  const error = contractError('unsupported', message);
  const never = new Emitter<SnapshotView>();
  return {
    live: { view: () => null, onDidChange: never.event },
    call: async () => ({ ok: false, error }),
    subscribe(listener: (message: StreamMessage) => void) {
      listener({ type: 'error', error });
      return () => {};
    },
    close: async () => never.dispose(),
  };
}
