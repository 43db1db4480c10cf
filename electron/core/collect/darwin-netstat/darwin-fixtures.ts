/** Test support (not shipped): the real macOS netstat captures of fixtures/. */
import { readFileSync } from 'node:fs';

/** A capture of fixtures/, without its `# ` lines naming the source. */
export function darwinCapture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .join('\n');
}
