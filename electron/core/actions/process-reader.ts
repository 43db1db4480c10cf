/** The real ProcessReader: /proc through the owners module (Linux). */
import { childrenOf, readEnviron, readProcessInfo, readStat } from '../owners/index.js';
import type { ProcessReader } from './deps.js';
import { isKernelThread, readPrimaryGid } from './proc-extra.js';

/** Reads live processes from /proc. */
export function createProcReader(): ProcessReader {
  return {
    stat: readStat,
    info: readProcessInfo,
    environ: readEnviron,
    descendants: childrenOf,
    isKernelThread,
    gid: readPrimaryGid,
  };
}
