/** A real child process with one TCP connection, reporting what happens to it. */
import type { Child } from '../../../test-support/children.js';

/** A child connected to `port` that prints each event of its socket as a JSON line. */
export const CLIENT = (host: string, port: number) => `
const s = require('net').connect(${port}, ${JSON.stringify(host)}, () => console.log(JSON.stringify({ port: s.localPort })));
s.on('error', (e) => console.log(JSON.stringify({ error: e.code })));
s.on('close', () => console.log(JSON.stringify({ closed: true, alive: true })));
setInterval(() => {}, 1 << 30);`;

/** The child's output lines after the first, as they come. */
export function linesOf(child: Child): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.process.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  return lines;
}

export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

