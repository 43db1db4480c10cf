/**
 * System tools the Node suites drive for real (`ss`, `setpriv`, ...): where one is installed it
 * is used; where not, the tests that need it are skipped (never failed) and one line says why.
 *
 *   const noSs = withoutTools('ss');
 *   it.skipIf(noSs)('…', () => { … });
 */
import { missingTools } from '../../scripts/lib/system-tools.mjs';

const said = new Set<string>();

/** Why tests needing `tools` are skipped here (printed once per file), or null when all are installed. */
export function withoutTools(...tools: string[]): string | null {
  const reason = missingTools(tools);
  if (reason !== null && !said.has(reason)) {
    said.add(reason);
    console.log(`${reason}: the tests that need it are skipped`);
  }
  return reason;
}
