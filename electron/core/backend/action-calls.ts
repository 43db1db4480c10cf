/** Routes the contract's action calls to core/actions with the real dependencies. */
import type { CallRequest, CallResponse, Result, Settings } from '../../contract/api.js';
import {
  createActionDeps,
  kill,
  previewKill,
  previewRestart,
  readLogs,
  restart,
  startAgain,
  type ActionDeps,
  type LaunchMemory,
} from '../actions/index.js';
import type { Snapshot } from '../model.js';

/** The contract calls that are actions. */
export type ActionName = 'killPreview' | 'kill' | 'restartPreview' | 'restart' | 'startAgain' | 'logs';

/** Runs one action call with dependencies built from the current settings. */
export async function runAction<N extends ActionName>(
  name: N,
  request: CallRequest<N>,
  dataDir: string,
  settings: Settings,
  snapshot: () => Promise<Snapshot>,
  launches: LaunchMemory,
): Promise<Result<CallResponse<N>>> {
  const deps: ActionDeps = createActionDeps({
    dataDir,
    snapshot,
    killTimeoutMs: settings.killTimeoutMs,
    restartTimeoutMs: settings.restartTimeoutMs,
  });
  // Each branch's request and response types are the contract's for that name.
  const run = {
    killPreview: () => previewKill(request as CallRequest<'killPreview'>, deps),
    kill: async () => {
      // What "start again" needs must be read before the kill: an ended process has no environment.
      const { processes } = request as CallRequest<'kill'>;
      launches.remember(processes, await snapshot(), deps.processes);
      return kill(request as CallRequest<'kill'>, deps);
    },
    restartPreview: () => previewRestart(request as CallRequest<'restartPreview'>, deps),
    restart: () => restart(request as CallRequest<'restart'>, deps),
    startAgain: () => startAgain(request as CallRequest<'startAgain'>, launches, deps),
    logs: () => readLogs(request as CallRequest<'logs'>, deps),
  }[name];
  return (await run()) as Result<CallResponse<N>>;
}
