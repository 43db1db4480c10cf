/**
 * The call names as a plain list, for code that must not load zod (the page's web transport
 * builds its API from it before zod has loaded). The type check below fails when a call is
 * added to `Calls` in api.ts and not here.
 */
import type { CallName } from './api.js';

/** Every call of the contract. */
export const CALL_NAME_LIST = [
  'getSnapshot',
  'getProcess',
  'getSettings',
  'setSettings',
  'killPreview',
  'kill',
  'restartPreview',
  'restart',
  'startAgain',
  'logs',
  'diagnose',
  'explain',
  'audit',
  'idleListeners',
  'history',
  'metrics',
  'closePreview',
  'closeConnection',
  'names',
  'openExternal',
] as const satisfies readonly CallName[];

type Unlisted = Exclude<CallName, (typeof CALL_NAME_LIST)[number]>;
// A compile error here names the calls missing from the list.
const everyCallListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCallListed;
