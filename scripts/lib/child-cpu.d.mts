/** Types for child-cpu.mjs. */

/** CPU ms of every reaped child so far (getrusage RUSAGE_CHILDREN), or null where unreadable. */
export function childrenCpuMs(): number | null;
/** CPU ms this process has used. */
export function selfCpuMs(): number;
