import { describe, expect, it, vi } from 'vitest';
import { manualTimers } from '../testing/fake-socket';
import { reconnectDelay, Reconnector, RECONNECT_MAX_MS, RECONNECT_MIN_MS } from './reconnect';

describe('reconnectDelay', () => {
  it('doubles from the minimum up to the maximum', () => {
    const middle = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it('jitters each wait within ±25%', () => {
    expect(reconnectDelay(0, () => 0)).toBe(RECONNECT_MIN_MS * 0.75);
    expect(reconnectDelay(30, () => 1)).toBe(RECONNECT_MAX_MS * 1.25);
  });
});

describe('Reconnector (injected timers)', () => {
  it('waits longer after each failed attempt, and starts over once reset', () => {
    const timers = manualTimers();
    const reconnect = vi.fn();
    const reconnector = new Reconnector(reconnect, timers, () => 0.5);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      reconnector.schedule();
      waits.push(...timers.delays());
      timers.advance(10_000);
    }
    expect(waits).toEqual([250, 500, 1000, 2000]);
    expect(reconnect).toHaveBeenCalledTimes(4);
    reconnector.reset();
    reconnector.schedule();
    expect(timers.delays()).toEqual([250]);
  });

  it('runs nothing before the wait is over', () => {
    const timers = manualTimers();
    const reconnect = vi.fn();
    new Reconnector(reconnect, timers, () => 0.5).schedule();
    timers.advance(249);
    expect(reconnect).not.toHaveBeenCalled();
    timers.advance(1);
    expect(reconnect).toHaveBeenCalledTimes(1);
  });

  it('keeps one attempt scheduled at a time', () => {
    const timers = manualTimers();
    const reconnect = vi.fn();
    const reconnector = new Reconnector(reconnect, timers, () => 0.5);
    reconnector.schedule();
    reconnector.schedule();
    expect(timers.delays()).toEqual([500]);
    timers.advance(10_000);
    expect(reconnect).toHaveBeenCalledTimes(1);
  });

  it('cancels a scheduled attempt and schedules no more once disposed', () => {
    const timers = manualTimers();
    const reconnect = vi.fn();
    const reconnector = new Reconnector(reconnect, timers, () => 0.5);
    reconnector.schedule();
    reconnector.dispose();
    reconnector.schedule();
    timers.advance(60_000);
    expect(reconnect).not.toHaveBeenCalled();
    expect(timers.delays()).toEqual([]);
  });
});
