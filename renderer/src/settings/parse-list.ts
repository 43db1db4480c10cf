/** Text fields of the settings dialog → the lists the contract's Settings hold. */

/** "node, vite  python3" → ["node", "vite", "python3"] (commas or spaces; duplicates dropped). */
export function parseNames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** "5432, 6379" → [5432, 6379], or the first token that is not a port 1–65535. */
export function parsePorts(text: string): { ok: true; ports: number[] } | { ok: false; bad: string } {
  const ports: number[] = [];
  for (const token of text.split(/[\s,]+/).filter(Boolean)) {
    const port = /^\d{1,5}$/.test(token) ? Number(token) : NaN;
    if (!(port >= 1 && port <= 65535)) return { ok: false, bad: token };
    if (!ports.includes(port)) ports.push(port);
  }
  return { ok: true, ports };
}
