import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_SIZE, MAX_TOASTS, ToastStore } from './toast-store';

let store: ToastStore;
beforeEach(() => {
  vi.useFakeTimers();
  store = new ToastStore();
});
afterEach(() => vi.useRealTimers());

const titles = () => store.getToasts().map((toast) => toast.title);

describe('ToastStore', () => {
  it('a toast goes after its time; an error stays until dismissed', () => {
    store.push({ kind: 'success', title: 'done', timeoutMs: 1000 });
    const error = store.push({ kind: 'error', title: 'failed' });
    vi.advanceTimersByTime(60_000);
    expect(titles()).toEqual(['failed']);
    store.dismiss(error);
    expect(titles()).toEqual([]);
  });

  it('timers stand still while held (pointer, focus, modal) and resume with the time left', () => {
    store.push({ kind: 'info', title: 'note', timeoutMs: 1000 });
    vi.advanceTimersByTime(600);
    store.hold('pointer');
    store.hold('modal');
    vi.advanceTimersByTime(10_000);
    store.release('pointer');
    vi.advanceTimersByTime(10_000);
    expect(titles()).toEqual(['note']);
    expect(store.isBehindModal()).toBe(true);
    store.release('modal');
    vi.advanceTimersByTime(399);
    expect(titles()).toEqual(['note']);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual([]);
  });

  it('a toast with the key of one on screen replaces it in place, with a fresh timer', () => {
    store.push({ kind: 'info', title: 'first' });
    store.push({ kind: 'info', title: 'python3 opened 5 ports', key: 'notify:pid:1', timeoutMs: 1000 });
    store.push({ kind: 'info', title: 'last' });
    vi.advanceTimersByTime(800);
    store.push({ kind: 'info', title: 'python3 opened 45 ports', key: 'notify:pid:1', timeoutMs: 1000 });
    expect(titles()).toEqual(['first', 'python3 opened 45 ports', 'last']);
    vi.advanceTimersByTime(800);
    expect(titles()).toContain('python3 opened 45 ports');
    // The history holds the burst once, as it stands now.
    expect(store.getHistory().filter((toast) => toast.key === 'notify:pid:1').map((t) => t.title)).toEqual([
      'python3 opened 45 ports',
    ]);
  });

  it(`shows at most ${MAX_TOASTS}, dropping the oldest that is not an error`, () => {
    store.push({ kind: 'error', title: 'e1' });
    for (let i = 1; i <= 5; i++) store.push({ kind: 'info', title: `i${i}` });
    expect(titles()).toEqual(['e1', 'i4', 'i5']);
  });

  it(`keeps the last ${HISTORY_SIZE} in the history, newest first`, () => {
    for (let i = 1; i <= HISTORY_SIZE + 5; i++) store.push({ kind: 'info', title: `t${i}` });
    const history = store.getHistory();
    expect(history).toHaveLength(HISTORY_SIZE);
    expect(history[0]?.title).toBe(`t${HISTORY_SIZE + 5}`);
  });
});
