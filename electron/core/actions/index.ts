/**
 * Actions: kill, restart and logs, each with its guards. Every function takes its
 * dependencies (`ActionDeps`, real ones from `createActionDeps`) and returns a contract
 * `Result`; expected failures are typed errors, never exceptions.
 */
export { createActionDeps, createSignaller } from './create-deps.js';
export type { ActionDeps, EnvironRead, ProcessReader, ProcStatLite } from './deps.js';
export { followCommandOutput, followLogFile } from './follow-logs.js';
export { type GuardContext, type GuardSubject, guardContext, guardProcess } from './guard.js';
export { type IdentityState, identityOf } from './identity.js';
export { kill, killRequestFor, previewKill } from './kill.js';
export { logFilePath, quoteArg, tailLines } from './log-files.js';
export { type LogsLocation, followCommand, locateLogs, readLogs } from './logs.js';
export { createProcReader } from './process-reader.js';
export { type RestartPlan, planRestart } from './restart-plan.js';
export { previewRestart, restart } from './restart.js';
export { LaunchMemory, startAgain } from './start-again.js';
export { type CommandOutcome, type CommandRunner, createCommandRunner } from './run-command.js';
export type { KillSignal, ProcessSignaller, SendOutcome } from './signaller.js';
export { type ResolvedTarget, describeTarget, resolveTarget } from './subjects.js';
