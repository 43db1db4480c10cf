// The hand-written stream checks against the zod schemas they stand in for: on values that are
// valid, and on values where any field may be missing or wrong, both must agree on accepting
// and return the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { StreamMessage } from '../api.js';
import { Delta, ProcessInfo, Snapshot, SocketPatch, SocketRow } from '../model.js';
import {
  checked,
  delta,
  processInfo,
  snapshot,
  socketPatch,
  socketRow,
  streamMessage,
} from './wire-check.js';
import {
  junk,
  mutate,
  roughDelta,
  roughProcess,
  roughRow,
  roughSnapshot,
  roughStreamMessage,
  rowFields,
  validDelta,
  validSnapshot,
  validStreamMessage,
} from '../testing/arbitraries.js';
import { plainRow } from '../testing/plain-row.js';

const tally = { accepted: 0, refused: 0 };

/** Asserts that `check` and `schema` agree on `input`. */
function agree(check: (input: unknown) => unknown, schema: z.ZodType, input: unknown): void {
  const ours = checked(check, input);
  const theirs = schema.safeParse(input);
  expect({ ok: ours.ok, input }).toEqual({ ok: theirs.success, input });
  if (ours.ok && theirs.success) expect(ours.value).toEqual(theirs.data);
  tally[ours.ok ? 'accepted' : 'refused']++;
}

/** Runs `run` and checks its inputs were neither all accepted nor all refused. */
function bothWays(run: () => void): void {
  tally.accepted = tally.refused = 0;
  run();
  const total = tally.accepted + tally.refused;
  expect(tally.accepted / total).toBeGreaterThan(0.1);
  expect(tally.refused / total).toBeGreaterThan(0.1);
}

const RUNS = { numRuns: 400 };

describe('wire checks agree with the zod schemas', () => {
  it('on socket rows, valid or with a field missing or wrong', () => {
    bothWays(() =>
      fc.assert(
        fc.property(roughRow, (row) => agree(socketRow, SocketRow, row)),
        { numRuns: 2000 },
      ),
    );
  });

  it('on socket patches, with any subset of fields, some wrong', () => {
    const patch = fc.tuple(
      fc.record(rowFields, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom(...Object.keys(rowFields)), junk)),
    );
    fc.assert(
      fc.property(patch, ([fields, broken]) => {
        const input: Record<string, unknown> = { ...fields };
        if (broken) input[broken[0]] = broken[1];
        agree(socketPatch, SocketPatch, input);
      }),
      { numRuns: 2000 },
    );
  });

  it('on processes, including each kind of service manager', () => {
    bothWays(() =>
      fc.assert(
        fc.property(roughProcess, (info) => agree(processInfo, ProcessInfo, info)),
        { numRuns: 2000 },
      ),
    );
  });

  it('on snapshots', () => {
    bothWays(() =>
      fc.assert(
        fc.property(roughSnapshot, (value) => agree(snapshot, Snapshot, value)),
        RUNS,
      ),
    );
  });

  it('on deltas', () => {
    bothWays(() =>
      fc.assert(
        fc.property(roughDelta, (value) => agree(delta, Delta, value)),
        RUNS,
      ),
    );
  });

  it('on stream messages of every type', () => {
    bothWays(() =>
      fc.assert(
        fc.property(roughStreamMessage, (value) => agree(streamMessage, StreamMessage, value)),
        RUNS,
      ),
    );
  });

  it('on valid stream messages with any one node replaced by junk', () => {
    const mutated = fc
      .tuple(validStreamMessage, fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 2 }))
      .map(([value, picks]) => mutate(value, picks));
    fc.assert(
      fc.property(mutated, (value) => agree(streamMessage, StreamMessage, value)),
      { numRuns: 1000 },
    );
  });

  it('accepts every valid snapshot and delta', () => {
    fc.assert(
      fc.property(validSnapshot, validDelta, (s, d) => {
        expect(checked(snapshot, s)).toEqual({ ok: true, value: Snapshot.parse(s) });
        expect(checked(delta, d)).toEqual({ ok: true, value: Delta.parse(d) });
      }),
      { numRuns: 200 },
    );
  });
});

describe('wire check failures', () => {
  it('name the path to the value that is wrong', () => {
    const base = { time: 1, seq: 1, source: 'netlink', processes: {}, hiddenOwners: 0, warnings: [] };
    const row = {
      ...plainRow(),
      id: 'tcp#1',
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 80,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pids: [1],
      ownerReason: null,
      inode: 1,
      uid: 0,
      scope: 'loopback',
      bytesSent: null,
      bytesReceived: null,
      sendRate: null,
      receiveRate: null,
      firstSeen: 1,
    };
    expect(checked(snapshot, { ...base, sockets: [row, { ...row, localPort: 70_000 }] })).toEqual({
      ok: false,
      issue: 'sockets.1.localPort: expected a port 0–65535',
    });
    expect(checked(snapshot, { ...base, sockets: [{ ...row, pids: [1, 0] }] })).toEqual({
      ok: false,
      issue: 'sockets.0.pids.1: expected a pid (an integer ≥ 1)',
    });
    expect(checked(snapshot, { ...base, sockets: [], processes: { 7: { pid: 7 } } })).toMatchObject({
      ok: false,
      issue: expect.stringMatching(/^processes\.7\.startTime: /),
    });
    expect(checked(streamMessage, { type: 'nope' })).toEqual({
      ok: false,
      issue: 'type: expected type snapshot, snapshot-rest, delta, reveal, error or notify',
    });
    expect(checked(streamMessage, 'text')).toEqual({ ok: false, issue: '(root): expected an object' });
  });

  it('are returned, never thrown, for any input at all', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(checked(streamMessage, value).ok).toBe(StreamMessage.safeParse(value).success);
      }),
      RUNS,
    );
  });
});
