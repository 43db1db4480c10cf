import { describe, expect, it, vi } from 'vitest';
import type { Result, StreamMessage } from '@contract/api';
import type { Snapshot } from '@contract/model';
import { makeDelta, makeSnapshot } from '@contract/testing/factories';
import { CONNECTION_LOST_MESSAGE, StreamHub } from './stream-hub';

function setup() {
  const sent: string[] = [];
  let answer: (result: Result<Snapshot>) => void = () => undefined;
  const hub = new StreamHub({
    send: (text) => sent.push(text) > 0,
    getSnapshot: () => new Promise((resolve) => (answer = resolve)),
  });
  return { hub, sent, answer: (result: Result<Snapshot>) => answer(result) };
}

const snapshot = (seq: number): StreamMessage => ({ type: 'snapshot', snapshot: makeSnapshot(seq, []) });
const delta = (seq: number): StreamMessage => ({ type: 'delta', delta: makeDelta(seq) });
const brief = (message: StreamMessage): string =>
  message.type === 'snapshot' ? `snapshot:${message.snapshot.seq}` : message.type === 'delta' ? `delta:${message.delta.seq}` : message.type;
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('StreamHub', () => {
  it('holds what streams before anyone listens, from the latest snapshot on, for the first listener', () => {
    const { hub, sent } = setup();
    hub.opened();
    hub.broadcast(snapshot(1));
    hub.broadcast(delta(2));
    hub.broadcast(snapshot(3));
    hub.broadcast(delta(4));
    const heard: string[] = [];
    hub.subscribe((message) => heard.push(brief(message)));
    expect(heard).toEqual(['snapshot:3', 'delta:4']);
    hub.broadcast(delta(5));
    expect(heard).toEqual(['snapshot:3', 'delta:4', 'delta:5']);
    expect(sent).toEqual([]); // the socket streams already
  });

  it('starts the stream for the first listener when the socket does not stream, and stops it after the last', () => {
    const { hub, sent } = setup();
    hub.opened();
    const stop = hub.subscribe(() => undefined);
    stop();
    stop();
    expect(sent.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual(['unsubscribe']);
    hub.subscribe(() => undefined);
    expect(sent.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual(['unsubscribe', 'subscribe']);
  });

  it('gives a late listener its own snapshot, then only what the stream brought past it', async () => {
    const { hub, answer } = setup();
    hub.opened();
    hub.subscribe(() => undefined);
    hub.broadcast(snapshot(10));
    const heard: string[] = [];
    hub.subscribe((message) => heard.push(brief(message)));
    hub.broadcast(delta(11));
    hub.broadcast(delta(12));
    answer({ ok: true, value: makeSnapshot(11, []) });
    await settled();
    expect(heard).toEqual(['snapshot:11', 'delta:12']);
    hub.broadcast(delta(13));
    expect(heard).toEqual(['snapshot:11', 'delta:12', 'delta:13']);
  });

  it('skips the rest of a snapshot older than a late listener\'s own', async () => {
    const { hub, answer } = setup();
    hub.subscribe(() => undefined);
    const heard: string[] = [];
    hub.subscribe((message) => heard.push(brief(message)));
    const rest: StreamMessage = { type: 'snapshot-rest', seq: 9, sockets: [], rest: 0 };
    hub.broadcast(rest);
    hub.broadcast({ type: 'snapshot', snapshot: makeSnapshot(20, []), rest: 1 });
    hub.broadcast({ ...rest, seq: 20 });
    answer({ ok: true, value: makeSnapshot(15, []) });
    await settled();
    expect(heard).toEqual(['snapshot:15', 'snapshot:20', 'snapshot-rest']);
  });

  it('tells a late listener when its snapshot could not be fetched', async () => {
    const { hub, answer } = setup();
    hub.subscribe(() => undefined);
    const heard: StreamMessage[] = [];
    hub.subscribe((message) => heard.push(message));
    answer({ ok: false, error: { code: 'failed', message: 'no', detail: null } });
    await settled();
    expect(heard).toEqual([{ type: 'error', error: { code: 'failed', message: 'no', detail: null } }]);
  });

  it('tells listeners when the connection was lost, and only then', () => {
    const { hub } = setup();
    const heard: StreamMessage[] = [];
    hub.subscribe((message) => heard.push(message));
    hub.closed(false);
    hub.closed(true);
    expect(heard).toEqual([{ type: 'error', error: { code: 'internal', message: CONNECTION_LOST_MESSAGE, detail: null } }]);
  });

  it('contains a listener that throws: the hub carries on and reports it', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { hub, answer } = setup();
      const heard: string[] = [];
      hub.subscribe((message) => {
        if (brief(message) === 'delta:1') throw new Error('broken listener');
        heard.push(`first ${brief(message)}`);
      });
      const late: string[] = [];
      hub.subscribe((message) => late.push(brief(message)));
      answer({ ok: true, value: makeSnapshot(0, []) });
      await settled();
      expect(() => hub.broadcast(delta(1))).not.toThrow();
      hub.broadcast(delta(2));
      expect(heard).toEqual(['first delta:2']);
      expect(late).toEqual(['snapshot:0', 'delta:1', 'delta:2']);
      expect(spy).toHaveBeenCalledWith('portlens web transport: a listener threw', expect.any(Error));
    } finally {
      spy.mockRestore();
    }
  });

  it('stops the stream when nobody comes for what it holds', () => {
    const { hub, sent } = setup();
    hub.opened();
    hub.broadcast(snapshot(1));
    for (let seq = 2; seq <= 301; seq++) hub.broadcast(delta(seq));
    expect(sent.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual(['unsubscribe']);
    const heard: string[] = [];
    hub.subscribe((message) => heard.push(brief(message)));
    expect(heard).toEqual([]); // the held messages went with the stream; a subscribe asks anew
    expect(sent.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual(['unsubscribe', 'subscribe']);
  });
});
