import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '@contract/api';
import { makeDelta, makeRow } from '@contract/testing/factories';
import { describeHeld, PauseGate } from './pause-gate';

function delta(seq: number, added: number, removed: number): StreamMessage {
  return {
    type: 'delta',
    delta: makeDelta(seq, {
      added: Array.from({ length: added }, (_, i) => makeRow({ id: `a${i}` })),
      removed: Array.from({ length: removed }, (_, i) => `r${i}`),
    }),
  };
}

describe('PauseGate', () => {
  it('lets everything through while running', () => {
    const gate = new PauseGate();
    expect(gate.hold(delta(1, 1, 0))).toBe(false);
  });

  it('holds data messages in order while paused, counts them, and hands them back on resume', () => {
    const gate = new PauseGate();
    gate.pause();
    const first = delta(1, 2, 0);
    const second = delta(2, 0, 1);
    expect(gate.hold(first)).toBe(true);
    expect(gate.hold(second)).toBe(true);
    expect(gate.hold({ type: 'error', error: { code: 'internal', message: 'x' } } as StreamMessage)).toBe(
      false,
    );
    expect(describeHeld(gate.getCounts())).toBe('2 opened, 1 closed');
    expect(gate.resume()).toEqual([first, second]);
    expect(gate.paused).toBe(false);
    expect(gate.resume()).toEqual([]);
  });
});
