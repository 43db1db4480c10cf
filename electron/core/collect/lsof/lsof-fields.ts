/**
 * lsof's field output (`lsof -F`, lsof(8) "OUTPUT FOR OTHER PROGRAMS"): one field per line, its
 * first character naming it, the rest its value. Shared by the socket parser (lsof-parse.ts)
 * and the process table's cwd reader (owners/ps/lsof-cwd.ts).
 */

/**
 * Calls `visit` with each field of `lines` in order: its name character, its value and its
 * 0-based line index. Blank lines are skipped. (A callback, not a generator: the socket parser
 * walks hundreds of thousands of fields per poll.)
 */
export function forEachLsofField(
  lines: readonly string[],
  visit: (field: string, value: string, index: number) => void,
): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line !== '') visit(line[0] as string, line.slice(1), i);
  }
}
