/** Stand-ins for the web transport's unit tests: a scripted WebSocket and timers the test moves. */
import type { SocketLike } from '../transport/connection';
import type { Timers } from '../transport/timers';

/** A WebSocket the test opens, feeds and closes; it records what the page sent. */
export class FakeSocket implements SocketLike {
  readyState: SocketLike['readyState'] = 0;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The server accepted the socket. */
  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as never, {} as Event);
  }

  /** The server sent a text frame (a value is sent as its JSON). */
  receive(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.call(this as never, { data } as MessageEvent);
  }

  /** The socket closed (or never opened). */
  drop(): void {
    this.readyState = 3;
    this.onclose?.call(this as never, {} as CloseEvent);
  }

  /** The frames sent, parsed. */
  sentJson(): unknown[] {
    return this.sent.map((text) => JSON.parse(text) as unknown);
  }
}

/** Timers that run only when the test advances its clock. */
export function manualTimers(): Timers & { advance(ms: number): void; delays(): number[] } {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void; delay: number }>();
  return {
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, run, delay: ms });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
    /** The delays of the timers still waiting, in the order they were set. */
    delays: () => [...timers.values()].map((t) => t.delay),
  };
}
