/** Routes the contract's action calls to core/actions with the real dependencies. */
import type { CallRequest, CallResponse, Result, Settings } from '../../contract/api.js';
import { contractError } from '../../contract/validate.js';
import type { BackendOptions } from './backend.js';

type ActionName = 'killPreview' | 'kill' | 'restartPreview' | 'restart' | 'logs';

/** Runs one action call. */
export async function runAction<N extends ActionName>(
  name: N,
  _request: CallRequest<N>,
  _options: BackendOptions,
  _settings: Settings,
): Promise<Result<CallResponse<N>>> {
  return { ok: false, error: contractError('unsupported', `${name} is not available yet`) };
}
