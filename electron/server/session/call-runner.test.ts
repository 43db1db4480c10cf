import { describe, expect, it } from 'vitest';
import type { Result } from '../../contract/api.js';
import type { WsReplyMessage } from '../../contract/wire/ws-protocol.js';
import type { Backend } from '../../core/backend/backend.js';
import { CallRunner } from './call-runner.js';

/** A backend whose calls wait until the test settles them. */
function heldBackend(): Pick<Backend, 'call'> & { settle(result: Result<unknown>): void; fail(error: Error): void; waiting: number } {
  const waiting: { resolve: (result: Result<unknown>) => void; reject: (error: Error) => void }[] = [];
  return {
    call: () => new Promise((resolve, reject) => waiting.push({ resolve: resolve as (result: Result<unknown>) => void, reject })),
    settle: (result) => waiting.shift()?.resolve(result),
    fail: (error) => waiting.shift()?.reject(error),
    get waiting() {
      return waiting.length;
    },
  };
}

function setup(concurrentCalls = 2) {
  const backend = heldBackend();
  const sent: WsReplyMessage[] = [];
  const sink = { bufferedAmount: 0, send: (text: string) => sent.push(JSON.parse(text) as WsReplyMessage) };
  const notes: string[] = [];
  const runner = new CallRunner({ backend, sink, concurrentCalls, highWaterBytes: 1000, log: (line) => notes.push(line) });
  return { backend, sent, sink, runner, notes };
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CallRunner', () => {
  it('replies to each call with its result, by id', async () => {
    const { backend, sent, runner } = setup();
    runner.run(7, 'getSettings', {});
    backend.settle({ ok: true, value: { answer: 42 } });
    await settled();
    expect(sent).toEqual([{ id: 7, result: { ok: true, value: { answer: 42 } } }]);
  });

  it('refuses calls beyond the concurrency limit, and takes new ones once one ends', async () => {
    const { backend, sent, runner } = setup(2);
    runner.run(1, 'getSettings', {});
    runner.run(2, 'getSettings', {});
    runner.run(3, 'getSettings', {});
    expect(backend.waiting).toBe(2);
    expect(sent).toEqual([{ id: 3, result: { ok: false, error: expect.objectContaining({ code: 'refused' }) } }]);
    backend.settle({ ok: true, value: {} });
    await settled();
    runner.run(4, 'getSettings', {});
    expect(backend.waiting).toBe(2);
  });

  it('refuses calls while the client leaves its replies unread', () => {
    const { backend, sent, sink, runner } = setup();
    sink.bufferedAmount = 1001;
    runner.run(5, 'getSettings', {});
    expect(backend.waiting).toBe(0);
    expect(sent[0]?.result).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('not reading') } });
  });

  it('answers openExternal itself: the page opens links', () => {
    const { backend, sent, runner } = setup();
    runner.run(6, 'openExternal', { url: 'http://127.0.0.1:1/' });
    expect(backend.waiting).toBe(0);
    expect(sent[0]?.result).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('turns a call that throws into an internal error, and logs it', async () => {
    const { backend, sent, runner, notes } = setup();
    runner.run(8, 'getSettings', {});
    backend.fail(new Error('kaput'));
    await settled();
    expect(sent[0]).toMatchObject({ id: 8, result: { ok: false, error: { code: 'internal' } } });
    expect(notes.join('\n')).toContain('kaput');
  });
});
