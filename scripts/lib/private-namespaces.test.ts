import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { namespacesUnavailable, runInPrivateNamespaces } from './private-namespaces.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'portlens-netns-'));
const server = net.createServer();
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const unavailable = namespacesUnavailable();

describe('runInPrivateNamespaces', () => {
  it.skipIf(unavailable !== null)(
    `runs a command that sees none of the host's sockets or processes, with loopback up (needs root: ${unavailable ?? 'available'})`,
    async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      const out = path.join(dir, 'inside.txt');
      // Inside: list listeners, then prove loopback works by listening on 127.0.0.1 ourselves.
      const script = `ss -tlnH > ${out}; ls /proc | grep -c '^[0-9]' > ${out}.procs; ${process.execPath} -e "require('net').createServer().listen(0, '127.0.0.1', function () { console.log('listening', this.address().port); this.close(); })" >> ${out}`;
      expect(await runInPrivateNamespaces('/bin/sh', ['-c', script])).toBe(0);

      const inside = readFileSync(out, 'utf8');
      expect(inside).not.toContain(`:${port} `);
      expect(inside).toMatch(/^listening \d+$/m);
      // /proc lists only the namespace's processes: the shell, ls, grep — not this machine's.
      expect(Number(readFileSync(`${out}.procs`, 'utf8'))).toBeLessThan(10);
    },
  );

  it.skipIf(unavailable !== null)('passes the command exit code through', async () => {
    expect(await runInPrivateNamespaces('/bin/sh', ['-c', 'exit 7'])).toBe(7);
  });
});
