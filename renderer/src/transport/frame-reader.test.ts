import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Result, StreamMessage } from '@contract/api';
import { makeDelta, makeSnapshot } from '@contract/testing/factories';
import { FrameReader } from './frame-reader';

function setup(settles = true) {
  const stream: string[] = [];
  const replies: [number | null, Result<unknown>][] = [];
  const sentRest: string[] = [];
  const paints: (() => void)[] = [];
  const reader = new FrameReader({
    stream: (message: StreamMessage) =>
      stream.push(message.type === 'delta' ? `delta:${message.delta.seq}` : message.type === 'snapshot' ? `snapshot:${message.snapshot.seq}` : message.type),
    reply: (id, result) => replies.push([id, result]) > 0 && settles,
    sendOnThisSocket: () => (text) => sentRest.push(text) > 0,
    afterPaint: (run) => paints.push(run),
  });
  return { reader, stream, replies, sentRest, paints };
}

const frame = (value: unknown): string => JSON.stringify(value);

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('FrameReader', () => {
  it('hands stream messages to the stream and replies to the calls', () => {
    const { reader, stream, replies } = setup();
    reader.push(frame({ stream: { type: 'snapshot', snapshot: makeSnapshot(1, []) } }));
    reader.push(frame({ id: 3, result: { ok: true, value: { x: 1 } } }));
    reader.push(frame({ stream: { type: 'delta', delta: makeDelta(2) } }));
    expect(stream).toEqual(['snapshot:1', 'delta:2']);
    expect(replies).toEqual([[3, { ok: true, value: { x: 1 } }]]);
  });

  it('drops binary, non-JSON and invalid frames with a warning', () => {
    const { reader, stream } = setup();
    reader.push(new ArrayBuffer(4));
    reader.push('{ not json');
    reader.push(frame({ stream: { type: 'snapshot', snapshot: { sockets: 'not an array' } } }));
    expect(stream).toEqual([]);
    expect(warn.mock.calls.map(([text]) => String(text))).toEqual([
      'portlens web transport: dropped a binary frame',
      'portlens web transport: dropped a frame that is not JSON',
      expect.stringContaining('portlens web transport: dropped an invalid frame'),
    ]);
  });

  it('warns about a refusal that answers no call', () => {
    const { reader } = setup(false);
    reader.push(frame({ id: null, result: { ok: false, error: { code: 'refused', message: 'slow down', detail: null } } }));
    expect(warn).toHaveBeenCalledWith('portlens web transport: the server refused a frame: slow down');
  });

  it('reads nothing after a snapshot\'s first part until the page has painted it, then asks for the rest', () => {
    const { reader, stream, sentRest, paints } = setup();
    reader.push(frame({ stream: { type: 'snapshot', snapshot: makeSnapshot(5, []), rest: 2 } }));
    reader.push(frame({ stream: { type: 'snapshot-rest', seq: 5, sockets: [], rest: 0 } }));
    reader.push(frame({ stream: { type: 'delta', delta: makeDelta(6) } }));
    expect(stream).toEqual(['snapshot:5']);
    expect(sentRest).toEqual([]);
    paints.shift()!();
    expect(sentRest).toEqual([frame({ type: 'snapshot-rest' })]);
    expect(stream).toEqual(['snapshot:5', 'snapshot-rest', 'delta:6']);
  });

  it('pauses again at the next first part among the frames that waited', () => {
    const { reader, stream, paints } = setup();
    reader.push(frame({ stream: { type: 'snapshot', snapshot: makeSnapshot(5, []), rest: 2 } }));
    reader.push(frame({ stream: { type: 'snapshot', snapshot: makeSnapshot(7, []), rest: 2 } }));
    reader.push(frame({ stream: { type: 'delta', delta: makeDelta(8) } }));
    paints.shift()!();
    expect(stream).toEqual(['snapshot:5', 'snapshot:7']);
    reader.push(frame({ stream: { type: 'delta', delta: makeDelta(9) } }));
    paints.shift()!();
    expect(stream).toEqual(['snapshot:5', 'snapshot:7', 'delta:8', 'delta:9']);
  });
});
