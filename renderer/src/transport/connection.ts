/**
 * The web transport's WebSocket over its life: adopting the socket the page opened early,
 * reporting its state, and reconnecting with backoff when it drops. It knows nothing of calls
 * or the stream: it hands on frames and says when a socket opened or closed.
 */
import { Emitter, type Disposable, type Event } from '@contract/events';
import { SESSION_PATH } from '@contract/wire/ws-frames';
import { mark, openStreamSocket, type EarlySocket } from './early-socket';
import { forgetPageToken, WRONG_TOKEN_MESSAGE } from './page-token';
import { Reconnector } from './reconnect';
import { pageTimers, type Timers } from './timers';

/**
 * Where the WebSocket is in its life: the UI shows anything but `open`. After a few failed
 * reconnects the page asks the server (`/session`) what is wrong: `gone` (no answer: still
 * retrying, in case it comes back) or `stale` (a new server there refuses our token: retrying
 * is pointless, only the URL it printed can help).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'gone' | 'stale' | 'closed';

/** Failed reconnects (about 4 s of backoff) before the page asks the server what is wrong. */
export const CHECK_AFTER_FAILURES = 4;

/** What `/session` says of a token: known, refused (a new server), or no answer (none). */
export type SessionCheck = 'valid' | 'refused' | 'unreachable';

/** The parts of a page's WebSocket the connection uses (tests pass a fake). */
export type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'onopen' | 'onmessage' | 'onclose'>;

/** What a Connection needs; all but url and token have the page's defaults. */
export interface ConnectionOptions {
  url: string;
  token: string;
  /** The socket the page's entry module opened before the app loaded (its frames come first). */
  early?: EarlySocket;
  /** Opens a stream socket (default: a WebSocket with the stream subprotocol). */
  openSocket?: (url: string, token: string) => SocketLike;
  /** Why the first socket did not open (default: asks the server whether it knows the token). */
  explainRefusal?: (token: string) => Promise<string>;
  /** Asks the server about the token after failed reconnects (default: `/session`). */
  checkSession?: (token: string) => Promise<SessionCheck>;
  /** Forgets a refused token, so a reload asks for the URL (default: the page's storage). */
  forgetToken?: () => void;
  timers?: Timers;
  random?: () => number;
}

/** A socket closed; `lost` when it had been open and the page did not close it itself. */
export interface SocketClosed {
  lost: boolean;
}

const OPEN = 1; // WebSocket.OPEN, which tests in Node have no global for

/** One WebSocket at a time, replaced after a drop, until disposed. */
export class Connection implements Disposable {
  private current: SocketLike | null = null;
  /** Which socket is current: a frame read later can tell whether its socket still is. */
  private generation = 0;
  private stateNow: ConnectionState = 'connecting';
  private closedForGood = false;
  private disposed = false;
  /** Reconnects that failed since a socket was last open. */
  private failures = 0;
  private first: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private readonly reconnector: Reconnector;
  private readonly states = new Emitter<ConnectionState>();
  private readonly frames = new Emitter<unknown>();
  private readonly opens = new Emitter<void>();
  private readonly closes = new Emitter<SocketClosed>();

  /** Every state change. */
  readonly onDidChangeState: Event<ConnectionState> = this.states.event;
  /** Each frame the server sent, in order. */
  readonly onFrame: Event<unknown> = this.frames.event;
  /** A socket opened (its stream is on: every socket opens with the stream subprotocol). */
  readonly onDidOpen: Event<void> = this.opens.event;
  /** A socket closed. */
  readonly onDidClose: Event<SocketClosed> = this.closes.event;

  constructor(private readonly options: ConnectionOptions) {
    this.reconnector = new Reconnector(() => this.attach(this.open()), options.timers ?? pageTimers, options.random);
  }

  get state(): ConnectionState {
    return this.stateNow;
  }

  /**
   * Starts: adopts the early socket or opens one. Resolves once it is open; rejects, saying why,
   * if it never opens (after that, drops are retried). Subscribe to the events first: the early
   * socket's open and frames are handed on at once.
   */
  connect(): Promise<void> {
    const opened = new Promise<void>((resolve, reject) => (this.first = { resolve, reject }));
    const early = this.options.early;
    this.attach(early ? early.socket : this.open(), early);
    return opened;
  }

  /** Sends a text frame; false when no socket is open. */
  send(text: string): boolean {
    if (!this.current || this.current.readyState !== OPEN) return false;
    this.current.send(text);
    return true;
  }

  /** A `send` bound to the current socket: it sends nothing once another socket replaced it. */
  sendOnThisSocket(): (text: string) => boolean {
    const generation = this.generation;
    return (text) => generation === this.generation && this.send(text);
  }

  /** Closes the socket for good: no reconnect, no more events. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closedForGood = true;
    this.reconnector.dispose();
    const socket = this.current;
    this.current = null;
    if (socket) {
      this.closes.fire({ lost: false });
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close(1000, 'closed by the page');
    }
    this.setState('closed');
    for (const emitter of [this.states, this.frames, this.opens, this.closes]) emitter.dispose();
  }

  private open(): SocketLike {
    return (this.options.openSocket ?? openStreamSocket)(this.options.url, this.options.token);
  }

  /** Runs on `socket`; what happened to the early socket before the app loaded comes first, in order. */
  private attach(socket: SocketLike, early?: EarlySocket): void {
    this.current = socket;
    this.generation++;
    let opened = false;
    const onOpen = (): void => {
      mark('portlens:ws-open');
      opened = true;
      this.reconnector.reset();
      this.opens.fire();
      this.setState('open');
      this.first?.resolve();
      this.first = null;
    };
    const onClose = (): void => this.closed(socket, opened);
    socket.onopen = onOpen;
    socket.onmessage = (event: MessageEvent) => this.frames.fire(event.data);
    socket.onclose = onClose;
    if (!early) return;
    if (early.opened) onOpen();
    for (const frame of early.frames.splice(0)) this.frames.fire(frame);
    if (early.closed) onClose();
  }

  private closed(socket: SocketLike, wasOpen: boolean): void {
    if (this.current === socket) this.current = null;
    this.closes.fire({ lost: wasOpen && !this.closedForGood });
    if (this.closedForGood) return this.setState('closed');
    const first = this.first;
    if (!wasOpen && first) {
      // The first socket never opened: no point retrying a refused token or a gone server.
      this.first = null;
      this.closedForGood = true;
      this.setState('closed');
      void (this.options.explainRefusal ?? whyRefused)(this.options.token).then((why) => first.reject(new Error(why)));
      return;
    }
    this.failures = wasOpen ? 0 : this.failures + 1;
    if (this.failures >= CHECK_AFTER_FAILURES) void this.checkServer();
    else this.setState('reconnecting');
    this.reconnector.schedule();
  }

  /** After failed reconnects: is the server gone, or has a new one replaced it (our token stale)? */
  private async checkServer(): Promise<void> {
    const answer = await (this.options.checkSession ?? checkSession)(this.options.token);
    if (this.closedForGood || this.stateNow === 'open') return;
    if (answer === 'refused') {
      this.closedForGood = true;
      this.reconnector.dispose();
      (this.options.forgetToken ?? forgetPageToken)();
      this.setState('stale');
    } else if (answer === 'unreachable') this.setState('gone');
  }

  private setState(next: ConnectionState): void {
    if (next === this.stateNow) return;
    this.stateNow = next;
    this.states.fire(next);
  }
}

/**
 * Why the first socket did not open: a WebSocket tells the page nothing, so ask the server
 * whether it knows this token (`/session`). A refused token is forgotten, so a reload asks for
 * the URL instead of offering it again.
 */
async function whyRefused(token: string): Promise<string> {
  if ((await checkSession(token)) === 'refused') {
    forgetPageToken();
    return WRONG_TOKEN_MESSAGE;
  }
  return `cannot connect to the PortLens server at ${location.host}: is \`portlens serve\` still running?`;
}

/** Asks `/session` whether the server there knows `token`. */
async function checkSession(token: string): Promise<SessionCheck> {
  try {
    const response = await fetch(SESSION_PATH, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return response.status === 401 ? 'refused' : 'valid';
  } catch {
    return 'unreachable';
  }
}
