import { describe, expect, it } from 'vitest';
import { RateTrack } from './rate-track';

describe('RateTrack', () => {
  it('fills unchanged polls forward from the last change', () => {
    const clock = { tick: 1 };
    const track = new RateTrack(5, clock);
    track.record(1, 10, 1);
    clock.tick = 4;
    track.record(4, 30, 2);
    clock.tick = 6;
    // The window is polls 2–6: poll 1's value carries into it, poll 4's change holds after.
    expect(track.series()).toEqual({ send: [10, 10, 30, 30, 30], receive: [1, 1, 2, 2, 2] });
    expect(track.size).toBe(5);
    expect(track.peak()).toBe(30);
  });

  it('starts at its first change and overwrites a second change in the same poll', () => {
    const clock = { tick: 7 };
    const track = new RateTrack(30, clock);
    track.record(7, 5, 0);
    track.record(7, 6, 0);
    expect(track.series()).toEqual({ send: [6], receive: [0] });
    clock.tick = 8;
    expect(track.series()).toEqual({ send: [6, 6], receive: [0, 0] });
    expect(track.size).toBe(2);
  });

  it('keeps only what the window needs', () => {
    const clock = { tick: 0 };
    const track = new RateTrack(3, clock);
    for (let tick = 1; tick <= 100; tick++) {
      clock.tick = tick;
      track.record(tick, tick, 0);
    }
    expect(track.series().send).toEqual([98, 99, 100]);
    expect((track as unknown as { ticks: number[] }).ticks.length).toBeLessThanOrEqual(4);
  });

  it('is empty before anything is recorded', () => {
    const track = new RateTrack(3, { tick: 9 });
    expect(track.size).toBe(0);
    expect(track.series()).toEqual({ send: [], receive: [] });
    expect(track.peak()).toBe(0);
  });
});
