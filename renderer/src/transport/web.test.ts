// The web transport's parts wired together, on a scripted socket adopted as the page's early one.
import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '@contract/api';
import { DEFAULT_SETTINGS } from '@contract/api';
import { makeSnapshot } from '@contract/testing/factories';
import { FakeSocket } from '../testing/fake-socket';
import type { EarlySocket } from './early-socket';
import { connectWebTransport } from './web';

function earlySocket(frames: unknown[]): EarlySocket & { fake: FakeSocket } {
  const fake = new FakeSocket();
  fake.readyState = 1;
  const texts = frames.map((f) => JSON.stringify(f));
  return { socket: fake as never, fake, token: 't', frames: texts, opened: true, closed: false, settled: Promise.resolve() };
}

describe('connectWebTransport (scripted socket)', () => {
  it('adopts the early socket: its snapshot reaches the first listener, calls go out on it', async () => {
    const early = earlySocket([{ stream: { type: 'snapshot', snapshot: makeSnapshot(3, []) } }]);
    const transport = await connectWebTransport({ token: 't', url: 'ws://127.0.0.1:1/ws', early });
    expect(transport.connection()).toBe('open');
    const heard: StreamMessage['type'][] = [];
    transport.subscribe((message) => heard.push(message.type));
    expect(heard).toEqual(['snapshot']);
    expect(early.fake.sent).toEqual([]); // the socket streams from its start: no subscribe needed

    const settings = transport.getSettings({});
    expect(early.fake.sentJson()).toEqual([{ id: 1, call: 'getSettings', request: {} }]);
    early.fake.receive({ id: 1, result: { ok: true, value: DEFAULT_SETTINGS } });
    expect(await settings).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    transport.close();
  });

  it('answers openExternal in the page, without the server', async () => {
    const early = earlySocket([]);
    const transport = await connectWebTransport({ token: 't', url: 'ws://127.0.0.1:1/ws', early });
    expect(await transport.openExternal({ url: 'https://example.com/' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(early.fake.sent).toEqual([]);
    transport.close();
  });

  it('closes for good: pending calls fail, the state is closed, and listeners hear of no loss', async () => {
    const early = earlySocket([]);
    const transport = await connectWebTransport({ token: 't', url: 'ws://127.0.0.1:1/ws', early });
    const states: string[] = [];
    transport.onConnectionChange((state) => states.push(state));
    const heard: StreamMessage[] = [];
    transport.subscribe((message) => heard.push(message));
    const pending = transport.getSettings({});
    transport.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(states).toEqual(['closed']);
    expect(early.fake.closedWith).toEqual({ code: 1000, reason: 'closed by the page' });
    expect(heard).toEqual([]);
  });

  it('tells the listeners when an open connection drops', async () => {
    const early = earlySocket([]);
    const transport = await connectWebTransport({ token: 't', url: 'ws://127.0.0.1:1/ws', early, callTimeoutMs: 1000 });
    const heard: StreamMessage[] = [];
    transport.subscribe((message) => heard.push(message));
    const pending = transport.getSettings({});
    // Reconnecting would open a real WebSocket: close for good right after the drop is seen.
    early.fake.drop();
    transport.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('lost') } });
    expect(heard).toMatchObject([{ type: 'error', error: { message: expect.stringContaining('Lost the connection') } }]);
  });
});
