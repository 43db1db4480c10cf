/** Types for system-tools.mjs. */

/** The Debian package that brings each tool, for the hint. */
export const DEBIAN_PACKAGES: Readonly<Record<string, string>>;
/** The executable `name` resolves to on PATH (as spawn would find it), or null. */
export function findTool(name: string): string | null;
/** Why `names` cannot all be run here, or null when they can. */
export function missingTools(names: readonly string[]): string | null;
