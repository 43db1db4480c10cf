import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type CallName, type Result } from '../../contract/api.js';
import type { Backend } from '../../core/backend/backend.js';
import { dispatchCall, type DispatchContext } from './call-dispatch.js';

/** A recording Backend (stub): the dispatch under test only validates and forwards. */
function stubBackend(answer: Result<unknown> = { ok: true, value: DEFAULT_SETTINGS }) {
  const calls: Array<[CallName, unknown]> = [];
  const backend: Backend = {
    call: async (name, request) => {
      calls.push([name, request]);
      if (name === 'kill') throw new Error('boom');
      return answer as never;
    },
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
  return { backend, calls };
}

const context = (overrides: Partial<DispatchContext> = {}): DispatchContext => ({
  trusted: true,
  backend: stubBackend().backend,
  openExternal: vi.fn(async () => undefined),
  ...overrides,
});

describe('dispatchCall', () => {
  it('forwards a valid request to the backend', async () => {
    const { backend, calls } = stubBackend();
    const result = await dispatchCall('getSettings', {}, context({ backend }));
    expect(result).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(calls).toEqual([['getSettings', {}]]);
  });

  it('refuses an untrusted sender before looking at the request', async () => {
    const { backend, calls } = stubBackend();
    const result = await dispatchCall('getSettings', {}, context({ trusted: false, backend }));
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(calls).toEqual([]);
  });

  it('answers invalid requests with invalid-request, never reaching the backend', async () => {
    const { backend, calls } = stubBackend();
    for (const [name, request] of [
      ['getProcess', { pid: -1 }],
      ['getProcess', { pid: 1, extra: true }],
      ['kill', { processes: [], force: false, timeoutMs: null }],
      ['setSettings', { pollIntervalMs: 'fast' }],
      ['getSnapshot', 'x'],
    ] as const) {
      const result = await dispatchCall(name, request, context({ backend }));
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(calls).toEqual([]);
  });

  it('turns a backend exception into an internal error', async () => {
    const { backend } = stubBackend();
    const result = await dispatchCall(
      'kill',
      { processes: [{ pid: 123, startTime: 1 }], force: false, timeoutMs: null },
      context({ backend }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('boom') },
    });
  });

  it('opens loopback http(s) URLs itself and refuses any other', async () => {
    const openExternal = vi.fn(async () => undefined);
    const { backend, calls } = stubBackend();
    expect(
      await dispatchCall(
        'openExternal',
        { url: 'http://localhost:5173/' },
        context({ backend, openExternal }),
      ),
    ).toEqual({ ok: true, value: {} });
    expect(openExternal).toHaveBeenCalledWith('http://localhost:5173/');
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'smb://127.0.0.1/share']) {
      expect(await dispatchCall('openExternal', { url }, context({ backend, openExternal }))).toMatchObject({
        ok: false,
        error: { code: 'refused' },
      });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
  });

  it('reports a launcher failure', async () => {
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    expect(
      await dispatchCall('openExternal', { url: 'http://127.0.0.1/' }, context({ openExternal })),
    ).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});
