/**
 * As `nobody` (setpriv, no capabilities), closing a connection is refused by the kernel with
 * EPERM, reported as `permission` with what to do, and the connection stays up.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundleEntry } from '../../test-support/bundle-entry.js';
import { withoutTools } from '../../test-support/system-tools.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { previewClose } from './close-connection.js';

const isRoot = process.getuid?.() === 0;
const noSetpriv = isRoot ? withoutTools('setpriv') : null;

describe('close a connection as nobody', () => {
  it.skipIf(!isRoot || noSetpriv)('is refused (permission) and the connection stays established', async () => {
    const server = createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const client = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const dir = mkdtempSync(join(tmpdir(), 'portlens-close-nobody-'));
    try {
      chmodSync(dir, 0o755);
      const bundle = join(dir, 'close-as-user.mjs');
      // koffi (native) stays a package, found through a link to this repository's node_modules.
      await bundleEntry(new URL('./test-support/close-as-user-entry.ts', import.meta.url), bundle);
      chmodSync(bundle, 0o644);
      symlinkSync(fileURLToPath(new URL('../../../node_modules', import.meta.url)), join(dir, 'node_modules'));
      const target = { localAddress: '127.0.0.1', localPort: client.localPort!, remoteAddress: '127.0.0.1', remotePort: port };
      const preview = previewClose(target, await takeSnapshot());
      if (!preview.ok) throw new Error(preview.error.message);
      const { stdout } = await promisify(execFile)(
        'setpriv',
        ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, bundle, JSON.stringify(preview.value.row)],
        { cwd: dir, timeout: 60_000 },
      );
      const answer = JSON.parse(stdout) as { netAdmin: boolean; result: { ok: boolean; error?: { code: string; message: string } } };
      expect(answer.netAdmin).toBe(false);
      expect(answer.result).toMatchObject({ ok: false, error: { code: 'permission' } });
      expect(answer.result.error?.message).toMatch(/CAP_NET_ADMIN .*sudo portlens close/);
      expect(previewClose(target, await takeSnapshot())).toMatchObject({ ok: true, value: { row: { state: 'ESTABLISHED' } } });
      expect(previewClose(target, await takeSnapshot(), false)).toMatchObject({ ok: true, value: { refusal: expect.stringMatching(/CAP_NET_ADMIN/) } });
    } finally {
      client.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
