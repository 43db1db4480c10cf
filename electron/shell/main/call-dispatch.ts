/**
 * One IPC call from arrival to Result: refuse untrusted senders (checklist #17), validate the
 * request with the contract's schema (a malformed request is a typed `invalid-request`, never
 * an exception), then run it. `openExternal` is the shell's own call: only loopback http(s)
 * URLs go to the default browser (checklist #15). Plain Node, tested without Electron.
 */
import type { CallName, CallRequest, Result } from '../../contract/api.js';
import { contractError, parseCall } from '../../contract/validate.js';
import type { Backend } from '../../core/backend/backend.js';
import { loopbackHttpUrl } from './external-links.js';

/** What a call needs besides its arguments. */
export interface DispatchContext {
  /** The outcome of the sender check for this message. */
  trusted: boolean;
  backend: Backend;
  /** shell.openExternal in the app; never called with a URL that failed the allow-list. */
  openExternal(url: string): Promise<void>;
}

/** Runs call `name` with the untrusted `request` from IPC; always resolves to a Result. */
export async function dispatchCall(
  name: CallName,
  request: unknown,
  context: DispatchContext,
): Promise<Result<unknown>> {
  if (!context.trusted) {
    return {
      ok: false,
      error: contractError('refused', `${name}: the request did not come from the PortLens window`),
    };
  }
  const parsed = parseCall(name, request);
  if (!parsed.ok) return parsed;
  try {
    if (parsed.value.name === 'openExternal') {
      return await openLoopbackUrl((parsed.value.request as CallRequest<'openExternal'>).url, context);
    }
    return await context.backend.call(parsed.value.name, parsed.value.request);
  } catch (error) {
    return {
      ok: false,
      error: contractError('internal', `${name} failed unexpectedly: ${(error as Error).message}`),
    };
  }
}

async function openLoopbackUrl(
  raw: string,
  context: DispatchContext,
): Promise<Result<Record<string, never>>> {
  const url = loopbackHttpUrl(raw);
  if (!url) {
    return {
      ok: false,
      error: contractError('refused', 'only http(s) URLs on localhost, 127.0.0.0/8 or [::1] are opened'),
    };
  }
  try {
    await context.openExternal(url);
    return { ok: true, value: {} };
  } catch (error) {
    return {
      ok: false,
      error: contractError('failed', `could not open ${url}: ${(error as Error).message}`),
    };
  }
}
