/** Reads a captured fixture of this folder without its `# ` provenance header (tests only). */
import { readFileSync } from 'node:fs';

/** The capture as the command printed it, with Windows' CRLF line ends restored when asked. */
export function readCapture(name: string, lineEnd: '\n' | '\r\n' = '\n'): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .join(lineEnd);
}
