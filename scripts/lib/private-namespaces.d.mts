/** Types for private-namespaces.mjs. */

/** Environment variable set inside the private namespaces. */
export const INSIDE_ENV: string;
/** Null when private namespaces can be made here; otherwise why not. */
export function namespacesUnavailable(): string | null;
/** Runs a command in new network, PID and mount namespaces, stdio inherited; resolves with an exit code. */
export function runInPrivateNamespaces(command: string, args: readonly string[]): Promise<number>;
