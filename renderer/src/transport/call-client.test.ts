import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@contract/api';
import { makeSnapshot } from '@contract/testing/factories';
import { manualTimers } from '../testing/fake-socket';
import { CallClient, CONNECTION_LOST_ERROR } from './call-client';

function setup(connected = true) {
  const sent: { id: number; call: string; request: unknown }[] = [];
  const timers = manualTimers();
  const client = new CallClient({
    send: (text) => connected && sent.push(JSON.parse(text) as (typeof sent)[number]) > 0,
    timeoutMs: 30_000,
    timers,
  });
  return { client, sent, timers };
}

describe('CallClient', () => {
  it('sends each call with its own id and resolves it with its reply, checked', async () => {
    const { client, sent } = setup();
    const settings = client.call('getSettings', {});
    const snapshot = client.call('getSnapshot', {});
    expect(sent.map((frame) => [frame.id, frame.call])).toEqual([
      [1, 'getSettings'],
      [2, 'getSnapshot'],
    ]);
    expect(client.settle(2, { ok: true, value: makeSnapshot(4, []) })).toBe(true);
    expect(client.settle(1, { ok: true, value: DEFAULT_SETTINGS })).toBe(true);
    expect(await settings).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(await snapshot).toMatchObject({ ok: true, value: { seq: 4 } });
  });

  it('says when no call waits for a reply', () => {
    const { client } = setup();
    expect(client.settle(99, { ok: true, value: {} })).toBe(false);
    expect(client.settle(null, { ok: false, error: { code: 'invalid-request', message: 'x', detail: null } })).toBe(false);
  });

  it('turns a reply that fails its response schema into an internal error', async () => {
    const { client } = setup();
    const settings = client.call('getSettings', {});
    const snapshot = client.call('getSnapshot', {});
    client.settle(1, { ok: true, value: { pollIntervalMs: 'often' } });
    client.settle(2, { ok: true, value: { sockets: 'none' } });
    expect(await settings).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('invalid getSettings') } });
    expect(await snapshot).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('invalid getSnapshot') } });
  });

  it('passes the server\'s errors on as they are', async () => {
    const { client } = setup();
    const call = client.call('getProcess', { pid: 5 });
    const error = { code: 'not-found' as const, message: 'no process with pid 5', detail: null };
    client.settle(1, { ok: false, error });
    expect(await call).toEqual({ ok: false, error });
  });

  it('fails at once when not connected', async () => {
    const { client, timers } = setup(false);
    expect(await client.call('getSettings', {})).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(timers.delays()).toEqual([]);
  });

  it('times a call out, giving the long actions more room', async () => {
    const { client, timers } = setup();
    const settings = client.call('getSettings', {});
    const kill = client.call('kill', { processes: [{ pid: 5, startTime: 1 }], force: false, timeoutMs: null });
    expect(timers.delays()).toEqual([30_000, 150_000]);
    timers.advance(30_000);
    expect(await settings).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('within 30 s') } });
    // A reply after its timeout finds no call.
    expect(client.settle(1, { ok: true, value: DEFAULT_SETTINGS })).toBe(false);
    timers.advance(120_000);
    expect(await kill).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('fails every pending call when the socket closes, and clears their timers', async () => {
    const { client, timers } = setup();
    const calls = [client.call('getSettings', {}), client.call('getSnapshot', {})];
    client.failPending(CONNECTION_LOST_ERROR);
    expect(await Promise.all(calls)).toEqual([
      { ok: false, error: CONNECTION_LOST_ERROR },
      { ok: false, error: CONNECTION_LOST_ERROR },
    ]);
    expect(timers.delays()).toEqual([]);
    expect(client.settle(1, { ok: true, value: DEFAULT_SETTINGS })).toBe(false);
  });

  it('fails pending calls when disposed', async () => {
    const { client } = setup();
    const call = client.call('getSettings', {});
    client.dispose();
    expect(await call).toEqual({ ok: false, error: CONNECTION_LOST_ERROR });
  });
});
