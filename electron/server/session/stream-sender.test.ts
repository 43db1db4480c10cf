import { afterEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../contract/api.js';
import { asSubscribe, Emitter } from '../../contract/events.js';
import type { SocketRow } from '../../contract/model.js';
import { makeDelta, makeRow, makeSnapshot } from '../../contract/testing/factories.js';
import { SPLIT_FROM_ROWS } from '../snapshot-frames.js';
import type { FrameSink } from './frame-sink.js';
import { StreamSender } from './stream-sender.js';

/** A backend stream: a snapshot to each new subscriber, then whatever the test pushes. */
function stubStream() {
  const messages = new Emitter<StreamMessage>();
  const subscribe = asSubscribe(messages.event);
  let seq = 0;
  return {
    subscriptions: 0,
    get listeners() {
      return messages.size;
    },
    subscribe(listener: (message: StreamMessage) => void) {
      this.subscriptions++;
      const unsubscribe = subscribe(listener);
      listener({ type: 'snapshot', snapshot: makeSnapshot(++seq * 100, []) });
      return unsubscribe;
    },
    push: (message: StreamMessage) => messages.fire(message),
  };
}

/** A socket whose backlog the test sets; `drain` empties it and reports a send. */
function fakeSink() {
  const sent = new Emitter<void>();
  const sink = {
    frames: [] as string[],
    bufferedAmount: 0,
    send(text: string) {
      sink.frames.push(text);
    },
    onDidSend: sent.event,
    /** A frame left; the backlog is what the test set. */
    reportSent: () => sent.fire(),
    drain() {
      sink.bufferedAmount = 0;
      sent.fire();
    },
    /** The stream message types sent, `delta:seq` for deltas. */
    kinds(): string[] {
      return sink.frames.map((frame) => {
        const parsed = JSON.parse(frame) as { stream?: StreamMessage; packed?: { type: string } };
        const message = parsed.stream;
        if (!message) return `packed:${parsed.packed?.type}`;
        return message.type === 'delta' ? `delta:${message.delta.seq}` : message.type;
      });
    },
  };
  return sink satisfies FrameSink;
}

const limits = { highWaterBytes: 10_000, lowWaterBytes: 100, restUnaskedMs: 60_000 };

let sender: StreamSender | null = null;
afterEach(() => sender?.dispose());

function setup() {
  const backend = stubStream();
  const sink = fakeSink();
  const notes: string[] = [];
  sender = new StreamSender({ backend, sink, limits, log: (line) => notes.push(line) });
  return { backend, sink, notes, sender };
}

describe('StreamSender backpressure', () => {
  it('sends the snapshot, then deltas, while the client keeps up', () => {
    const { backend, sink, sender } = setup();
    sender.start('json');
    backend.push({ type: 'delta', delta: makeDelta(101) });
    expect(sink.kinds()).toEqual(['snapshot', 'delta:101']);
  });

  it('drops deltas while the backlog is above the high-water mark, then resyncs with a fresh snapshot once drained', () => {
    const { backend, sink, notes, sender } = setup();
    sender.start('json');
    sink.bufferedAmount = limits.highWaterBytes + 1;
    backend.push({ type: 'delta', delta: makeDelta(101) }); // sent: the backlog was measured before it
    backend.push({ type: 'delta', delta: makeDelta(102) }); // dropped
    backend.push({ type: 'delta', delta: makeDelta(103) }); // dropped
    expect(notes.some((note) => note.includes('too slowly'))).toBe(true);
    expect(sink.kinds()).toEqual(['snapshot', 'delta:101']);

    sink.bufferedAmount = limits.lowWaterBytes + 1;
    sink.reportSent(); // a frame left, but the backlog is still above the low-water mark
    expect(backend.subscriptions).toBe(1);

    sink.drain();
    expect(backend.subscriptions).toBe(2);
    expect(backend.listeners).toBe(1);
    expect(notes.some((note) => note.includes('caught up after 2 dropped deltas'))).toBe(true);
    backend.push({ type: 'delta', delta: makeDelta(201) });
    expect(sink.kinds()).toEqual(['snapshot', 'delta:101', 'snapshot', 'delta:201']);
  });

  it('does not count a backlog below two snapshots as lagging (a big snapshot is not a slow client)', () => {
    const { backend, sink, notes, sender } = setup();
    sender.start('json');
    const warnings = [`w${'x'.repeat(2 * limits.highWaterBytes)}`];
    backend.push({ type: 'snapshot', snapshot: makeSnapshot(300, [], [], { warnings }) });
    sink.bufferedAmount = 3 * limits.highWaterBytes;
    backend.push({ type: 'delta', delta: makeDelta(301) });
    backend.push({ type: 'delta', delta: makeDelta(302) });
    expect(sink.kinds()).toEqual(['snapshot', 'snapshot', 'delta:301', 'delta:302']);
    expect(notes).toEqual([]);
  });

  it('stops and disposes: no more frames, no subscription left', () => {
    const { backend, sink, sender } = setup();
    sender.start('json');
    sender.stop();
    backend.push({ type: 'delta', delta: makeDelta(101) });
    sender.start('json');
    sender.dispose();
    backend.push({ type: 'delta', delta: makeDelta(201) });
    expect(sink.kinds()).toEqual(['snapshot', 'snapshot']);
    expect(backend.listeners).toBe(0);
  });
});

describe('StreamSender, a snapshot in two parts', () => {
  const big = (seq: number): ReturnType<typeof makeSnapshot> => {
    const rows: SocketRow[] = [makeRow({ id: 'listening' })];
    for (let i = 0; i < SPLIT_FROM_ROWS; i++) {
      rows.push(makeRow({ id: `c${i}`, state: 'ESTABLISHED', localPort: 40_000 + (i % 20_000), remoteAddress: '127.0.0.1', remotePort: 3000 }));
    }
    return makeSnapshot(seq, rows);
  };

  it('holds what follows the first part until the rest has gone, then sends it in order', async () => {
    const { backend, sink, sender } = setup();
    sender.start('packed');
    backend.push({ type: 'snapshot', snapshot: big(500) });
    backend.push({ type: 'delta', delta: makeDelta(501) });
    expect(sink.kinds()).toEqual(['packed:snapshot', 'packed:snapshot']);
    sender.sendRest();
    await expect.poll(() => sink.kinds().length).toBe(4);
    expect(sink.kinds().slice(2)).toEqual(['packed:snapshot-rest', 'delta:501']);
  });

  it('forgets a rest that a newer snapshot replaced, and what waited for it', async () => {
    const { backend, sink, sender } = setup();
    sender.start('packed');
    backend.push({ type: 'snapshot', snapshot: big(600) });
    backend.push({ type: 'delta', delta: makeDelta(601) });
    backend.push({ type: 'snapshot', snapshot: makeSnapshot(700, []) });
    sender.sendRest();
    backend.push({ type: 'delta', delta: makeDelta(701) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sink.kinds()).toEqual(['packed:snapshot', 'packed:snapshot', 'packed:snapshot', 'delta:701']);
  });
});
