/**
 * One event primitive for every process (core, server, Electron main and preload, the page),
 * after VS Code's `Event`/`IDisposable`: an `Emitter` fires values to listeners, subscribing
 * returns a `Disposable`, and whatever owns resources is torn down by one `dispose()`. Pure
 * TypeScript, so it lives in the contract, which every layer may import.
 *
 * Listener errors: a listener that throws never reaches the code that fired, and never keeps
 * the other listeners from the value. Its error goes to the emitter's `onListenerError`
 * (default: console.error), because a transport or a tick loop must outlive one broken
 * subscriber, yet a silent failure would hide the bug.
 */

/** Something that holds a resource until `dispose()`; disposing twice is harmless. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; disposing the result unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A Disposable that runs `dispose` once, however often it is disposed. */
export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/**
 * Collects Disposables to release together, last added first (teardown mirrors setup). One
 * added after the store was disposed is disposed at once, so nothing outlives its owner.
 */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<D extends Disposable>(item: D): D {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items;
    this.items = [];
    for (let i = items.length - 1; i >= 0; i--) items[i]?.dispose();
  }
}

/** Options of an Emitter. */
export interface EmitterOptions {
  /** Where a throwing listener's error goes (see the file comment). */
  onListenerError?: (error: unknown) => void;
}

interface Entry<T> {
  listener: (value: T) => void;
  /** The fire count when it was added: a listener added during a fire waits for the next one. */
  since: number;
}

const reportListenerError = (error: unknown): void => console.error('portlens: an event listener threw', error);

/**
 * Fires values to its listeners, in the order they subscribed. A listener removed during a fire
 * is not called after its removal; one added during a fire first hears the next one. After
 * `dispose()` it has no listeners and ignores fires and subscriptions.
 */
export class Emitter<T> implements Disposable {
  private readonly entries = new Set<Entry<T>>();
  private fires = 0;
  private disposed = false;
  private readonly onListenerError: (error: unknown) => void;

  constructor(options: EmitterOptions = {}) {
    this.onListenerError = options.onListenerError ?? reportListenerError;
  }

  /** Subscribes to this emitter's values. */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return toDisposable(() => undefined);
    const entry: Entry<T> = { listener, since: this.fires };
    this.entries.add(entry);
    return toDisposable(() => this.entries.delete(entry));
  };

  /** How many listeners there are. */
  get size(): number {
    return this.entries.size;
  }

  fire(value: T): void {
    // A Set visits entries added while iterating and skips deleted ones: no copy is needed.
    const fire = ++this.fires;
    for (const entry of this.entries) {
      if (entry.since >= fire) continue;
      try {
        entry.listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
  }
}

/**
 * An Event as the `subscribe(listener) => unsubscribe` function that React's
 * useSyncExternalStore and the contract's `PortLensApi.subscribe` use.
 */
export function asSubscribe<T>(event: Event<T>): (listener: (value: T) => void) => () => void {
  return (listener) => {
    const subscription = event(listener);
    return () => subscription.dispose();
  };
}
