// The page's zod-free frame reader against ws-protocol's schemas: the same frames accepted,
// the same values read (a reply's value is left to the caller, as with the schema's z.unknown()).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../api.js';
import { CALL_NAME_LIST } from '../call-names.js';
import { packStreamMessage } from './packed-stream.js';
import { junk, mutate, roughStreamMessage, validStreamMessage } from '../testing/arbitraries.js';
import { readServerFrame } from './ws-frames.js';
import {
  WsClientMessage,
  WsReplyMessage,
  WsServerMessage,
  WsStreamMessage,
  WsSubscribeMessage,
} from './ws-protocol.js';

const errorValue = fc.record({
  code: fc.constantFrom('invalid-request', 'not-found', 'refused', 'timeout', 'internal', 'bogus'),
  message: fc.oneof(fc.string(), junk),
  detail: fc.oneof(fc.option(fc.string()), junk),
});

const reply = fc.record({
  id: fc.oneof(fc.constant(null), fc.nat(), fc.maxSafeNat(), junk),
  result: fc.oneof(
    fc.record({ ok: fc.constant(true), value: fc.jsonValue() }),
    fc.record({ ok: fc.constant(false), error: fc.oneof(errorValue, junk) }),
    fc.record({ ok: junk }),
    junk,
  ),
});

describe('readServerFrame', () => {
  it('reads replies exactly as WsReplyMessage does', () => {
    fc.assert(
      fc.property(reply, (frame) => {
        const ours = readServerFrame(frame);
        const theirs = WsReplyMessage.safeParse(frame);
        expect(ours.ok).toBe(theirs.success);
        if (ours.ok && theirs.success) expect(ours.value).toEqual({ kind: 'reply', ...theirs.data });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads stream frames exactly as WsStreamMessage does', () => {
    fc.assert(
      fc.property(roughStreamMessage, (message) => {
        const ours = readServerFrame({ stream: message });
        const theirs = WsStreamMessage.safeParse({ stream: message });
        expect(ours.ok).toBe(theirs.success);
        if (ours.ok && theirs.success)
          expect(ours.value).toEqual({ kind: 'stream', message: theirs.data.stream });
      }),
      { numRuns: 500 },
    );
  });

  it('reads packed frames as the messages they pack, and refuses damaged ones with a path', () => {
    fc.assert(
      fc.property(
        validStreamMessage,
        fc.array(fc.tuple(fc.nat(), junk), { maxLength: 1 }),
        (message, picks) => {
          const packed = packStreamMessage(message);
          if (!packed) return;
          const frame = JSON.parse(JSON.stringify({ packed }));
          expect(WsServerMessage.safeParse(frame).success).toBe(true);
          const read = readServerFrame(mutate(frame, picks));
          if (!picks.length)
            expect(read).toEqual({
              ok: true,
              value: { kind: 'stream', message: JSON.parse(JSON.stringify(message)) },
            });
          else if (!read.ok) expect(read.issue).toMatch(/: /);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses anything else with a reason', () => {
    expect(readServerFrame([])).toEqual({ ok: false, issue: '(root): expected an object' });
    expect(readServerFrame({ id: -1, result: { ok: true, value: 1 } })).toEqual({
      ok: false,
      issue: 'id: expected a request id (an integer ≥ 0) or null',
    });
    expect(readServerFrame({ packed: { type: 'reveal' } })).toEqual({
      ok: false,
      issue: 'packed: type: expected type snapshot, snapshot-rest or delta',
    });
  });
});

describe('ws protocol', () => {
  it('lets a subscriber ask for the packed encoding, and nothing else', () => {
    expect(WsSubscribeMessage.safeParse({ type: 'subscribe' }).success).toBe(true);
    expect(WsSubscribeMessage.safeParse({ type: 'subscribe', encoding: 'packed' }).success).toBe(true);
    expect(WsSubscribeMessage.safeParse({ type: 'subscribe', encoding: 'zip' }).success).toBe(false);
  });

  it('lets a client ask for the rest of a snapshot, with nothing else in the frame', () => {
    expect(WsClientMessage.safeParse({ type: 'snapshot-rest' }).success).toBe(true);
    expect(WsClientMessage.safeParse({ type: 'snapshot-rest', seq: 3 }).success).toBe(false);
  });

  it('lists every call in the zod-free call list', () => {
    expect([...CALL_NAME_LIST].sort()).toEqual([...CALL_NAMES].sort());
  });
});
