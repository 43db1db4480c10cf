/** The backend's `names` call: labels at once, nothing when the setting is off. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../backend/create-backend.js';
import { systemServices } from './services.js';

describe('names call', () => {
  it('answers labels without waiting, and nothing once resolveNames is off', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portlens-names-'));
    const backend = await createBackend({ dataDir, workerPath: null, pollIntervalMs: 1000, recordHistory: false });
    try {
      const addresses = ['127.0.0.1', '10.1.2.3', 'fe80::1'];
      expect(await backend.call('names', { addresses })).toEqual({
        ok: true,
        value: { names: { '127.0.0.1': 'loopback', '10.1.2.3': 'private network', 'fe80::1': 'link-local' }, services: {} },
      });
      // Listening ports' service names come from the services database, whatever resolveNames says.
      const table = systemServices();
      const [key, service] = [...table.entries()].find(([entry]) => entry.endsWith('/tcp')) ?? [];
      if (key && service) {
        const port = Number(key.split('/')[0]);
        const answer = await backend.call('names', { addresses: [], ports: [{ port, protocol: 'tcp' }] });
        expect(answer).toEqual({ ok: true, value: { names: {}, services: { [key]: service } } });
      }
      const settings = await backend.call('getSettings', {});
      expect(settings.ok && settings.value.resolveNames).toBe(true); // on by default in the app
      await backend.call('setSettings', { resolveNames: false });
      expect(await backend.call('names', { addresses })).toEqual({ ok: true, value: { names: {}, services: {} } });
    } finally {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
