import { describe, expect, it, vi } from 'vitest';
import { asSubscribe, DisposableStore, Emitter, toDisposable, type Disposable } from './events.js';

describe('Emitter', () => {
  it('fires to its listeners in the order they subscribed', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    emitter.event((n) => heard.push(`a${n}`));
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    emitter.fire(2);
    expect(heard).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(emitter.size).toBe(2);
  });

  it('contains a throwing listener: the others still hear, fire does not throw, the error is reported', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<string>({ onListenerError: (error) => errors.push(error) });
    const heard: string[] = [];
    const boom = new Error('boom');
    emitter.event(() => {
      throw boom;
    });
    emitter.event((value) => heard.push(value));
    expect(() => emitter.fire('x')).not.toThrow();
    expect(heard).toEqual(['x']);
    expect(errors).toEqual([boom]);
  });

  it('reports listener errors to console.error by default', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const emitter = new Emitter<void>();
      emitter.event(() => {
        throw new Error('default');
      });
      emitter.fire();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('stops calling a listener once its subscription is disposed (twice is harmless)', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const subscription = emitter.event((n) => heard.push(n));
    emitter.fire(1);
    subscription.dispose();
    subscription.dispose();
    emitter.fire(2);
    expect(heard).toEqual([1]);
    expect(emitter.size).toBe(0);
  });

  it('keeps separate subscriptions of the same function apart', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const listener = (n: number): number => heard.push(n);
    const first = emitter.event(listener);
    emitter.event(listener);
    first.dispose();
    emitter.fire(1);
    expect(heard).toEqual([1]);
  });

  it('is safe to unsubscribe during a fire: a listener removed by an earlier one is not called', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const later: { second?: Disposable } = {};
    emitter.event((n) => {
      heard.push(`first${n}`);
      later.second?.dispose();
    });
    later.second = emitter.event((n) => heard.push(`second${n}`));
    emitter.fire(1);
    expect(heard).toEqual(['first1']);
  });

  it('lets a listener dispose itself during a fire, and the rest still hear it', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const self = emitter.event((n) => {
      heard.push(`self${n}`);
      self.dispose();
    });
    emitter.event((n) => heard.push(`other${n}`));
    emitter.fire(1);
    emitter.fire(2);
    expect(heard).toEqual(['self1', 'other1', 'other2']);
  });

  it('gives a listener added during a fire the next fire, not the current one', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    let added = false;
    emitter.event(() => {
      if (added) return;
      added = true;
      emitter.event((n) => heard.push(`late${n}`));
    });
    emitter.fire(1);
    emitter.fire(2);
    expect(heard).toEqual(['late2']);
  });

  it('is safe to dispose the emitter during a fire: nobody else hears it, later fires are ignored', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    emitter.event((n) => {
      heard.push(`a${n}`);
      emitter.dispose();
    });
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    emitter.fire(2);
    const late = emitter.event((n) => heard.push(`late${n}`));
    emitter.fire(3);
    late.dispose();
    expect(heard).toEqual(['a1']);
    expect(emitter.size).toBe(0);
  });
});

describe('toDisposable', () => {
  it('runs its teardown once', () => {
    const teardown = vi.fn();
    const disposable = toDisposable(teardown);
    disposable.dispose();
    disposable.dispose();
    expect(teardown).toHaveBeenCalledTimes(1);
  });
});

describe('DisposableStore', () => {
  it('disposes what it holds once, last added first', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push('first')));
    store.add(toDisposable(() => order.push('second')));
    store.dispose();
    store.dispose();
    expect(order).toEqual(['second', 'first']);
    expect(store.isDisposed).toBe(true);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    const teardown = vi.fn();
    store.add(toDisposable(teardown));
    expect(teardown).toHaveBeenCalledTimes(1);
  });
});

describe('asSubscribe', () => {
  it('adapts an Event to subscribe(listener) => unsubscribe', () => {
    const emitter = new Emitter<number>();
    const subscribe = asSubscribe(emitter.event);
    const heard: number[] = [];
    const unsubscribe = subscribe((n) => heard.push(n));
    emitter.fire(1);
    unsubscribe();
    emitter.fire(2);
    expect(heard).toEqual([1]);
  });
});
