/** `portlens metrics --out`: a real poll, written atomically where node_exporter can read it. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../test-support/prometheus.js';
import { cli } from '../test-support/captured-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'portlens-textfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portlens metrics', () => {
  it('--out replaces the file whole (0644, no temp file left), with our listener in it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const file = join(dir, 'portlens.prom');
    writeFileSync(file, 'old content\n');
    try {
      const { code, stdout, stderr } = await cli('metrics', '--out', file, '--window', '200');
      expect([code, stdout, stderr]).toEqual([0, '', '']);
    } finally {
      server.close();
    }
    expect(readdirSync(dir)).toEqual(['portlens.prom']);
    expect(statSync(file).mode & 0o777).toBe(0o644 & ~process.umask());
    const families = parseExposition(readFileSync(file, 'utf8'));
    expect(families.get('portlens_listeners')!.metrics.some((m) => m.labels?.port === String(port))).toBe(true);
  });

  it('prints to stdout without --out, and refuses a window over a minute (exit 2)', async () => {
    const { code, stdout } = await cli('metrics', '--window', '100');
    expect(code).toBe(0);
    expect(parseExposition(stdout).has('portlens_sockets')).toBe(true);
    expect((await cli('metrics', '--window', '61000')).code).toBe(2);
  });
});
