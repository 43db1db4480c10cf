import { describe, expect, it } from 'vitest';
import { FakeSocket, manualTimers } from '../testing/fake-socket';
import { CHECK_AFTER_FAILURES, Connection, type ConnectionState, type SessionCheck, type SocketClosed } from './connection';
import type { EarlySocket } from './early-socket';

/** A Connection whose sockets and timers the test drives; `sockets` lists those it opened. */
function setup(early?: EarlySocket, sessions: SessionCheck[] = []) {
  const sockets: FakeSocket[] = [];
  const checks: string[] = [];
  const timers = manualTimers();
  const connection = new Connection({
    url: 'ws://127.0.0.1:1/ws',
    token: 't',
    early,
    openSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    explainRefusal: async () => 'the token was refused',
    checkSession: async () => {
      const answer = sessions.shift() ?? 'unreachable';
      checks.push(answer);
      return answer;
    },
    forgetToken: () => void checks.push('forgotten'),
    timers,
    random: () => 0.5,
  });
  const states: ConnectionState[] = [];
  const frames: unknown[] = [];
  const events: string[] = [];
  connection.onDidChangeState((state) => states.push(state));
  connection.onFrame((frame) => frames.push(frame));
  connection.onDidOpen(() => events.push('open'));
  connection.onDidClose(({ lost }: SocketClosed) => events.push(lost ? 'lost' : 'closed'));
  return { connection, sockets, timers, states, frames, events, checks };
}

describe('Connection', () => {
  it('opens, hands on frames and sends on the open socket', async () => {
    const { connection, sockets, states, frames, events } = setup();
    const connected = connection.connect();
    expect(connection.state).toBe('connecting');
    expect(connection.send('early')).toBe(false);
    sockets[0]!.open();
    await connected;
    sockets[0]!.receive('{"a":1}');
    expect(connection.send('hello')).toBe(true);
    expect(sockets[0]!.sent).toEqual(['hello']);
    expect(frames).toEqual(['{"a":1}']);
    expect(states).toEqual(['open']);
    expect(events).toEqual(['open']);
  });

  it('rejects, saying why, when the first socket never opens, and does not retry', async () => {
    const { connection, sockets, timers, states } = setup();
    const connected = connection.connect();
    sockets[0]!.drop();
    await expect(connected).rejects.toThrow('the token was refused');
    expect(states).toEqual(['closed']);
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects after a drop, with backoff, and reports the loss once', async () => {
    const { connection, sockets, timers, states, events } = setup();
    const connected = connection.connect();
    sockets[0]!.open();
    await connected;
    sockets[0]!.drop();
    expect(states).toEqual(['open', 'reconnecting']);
    expect(events).toEqual(['open', 'lost']);
    timers.advance(249);
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    // A retry that fails is not a loss (the page was not connected); the next waits longer.
    sockets[1]!.drop();
    expect(events).toEqual(['open', 'lost', 'closed']);
    expect(timers.delays()).toEqual([500]);
    timers.advance(500);
    sockets[2]!.open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    // Connected again: the next drop starts from the shortest wait.
    sockets[2]!.drop();
    expect(timers.delays()).toEqual([250]);
  });

  it('adopts the early socket: its open, its frames and its close come first, in order', async () => {
    const socket = new FakeSocket();
    socket.readyState = 1;
    const early: EarlySocket = { socket: socket as never, token: 't', frames: ['one', 'two'], opened: true, closed: false, settled: Promise.resolve() };
    const { connection, sockets, frames, events } = setup(early);
    await connection.connect();
    expect(sockets).toHaveLength(0);
    expect(events).toEqual(['open']);
    expect(frames).toEqual(['one', 'two']);
    expect(early.frames).toEqual([]);
    socket.receive('three');
    expect(frames).toEqual(['one', 'two', 'three']);
  });

  it('rejects when the early socket closed before it opened', async () => {
    const socket = new FakeSocket();
    const early: EarlySocket = { socket: socket as never, token: 't', frames: [], opened: false, closed: true, settled: Promise.resolve() };
    const { connection } = setup(early);
    await expect(connection.connect()).rejects.toThrow('the token was refused');
  });

  it('sends on a socket bound earlier only while that socket is current', async () => {
    const { connection, sockets, timers } = setup();
    const connected = connection.connect();
    sockets[0]!.open();
    await connected;
    const sendOnFirst = connection.sendOnThisSocket();
    sockets[0]!.drop();
    timers.advance(250);
    sockets[1]!.open();
    expect(sendOnFirst('rest')).toBe(false);
    expect(connection.sendOnThisSocket()('rest')).toBe(true);
    expect(sockets[1]!.sent).toEqual(['rest']);
  });

  it('closes for good when disposed: the socket closes normally, no reconnect, no more events', async () => {
    const { connection, sockets, timers, states, events } = setup();
    const connected = connection.connect();
    sockets[0]!.open();
    await connected;
    connection.dispose();
    connection.dispose();
    expect(sockets[0]!.closedWith).toEqual({ code: 1000, reason: 'closed by the page' });
    expect(states).toEqual(['open', 'closed']);
    expect(events).toEqual(['open', 'closed']);
    sockets[0]!.drop();
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(connection.state).toBe('closed');
  });

  it('after a few failed reconnects says the server has gone, then that a new server refuses the token, and stops', async () => {
    const { connection, sockets, timers, states, checks } = setup(undefined, ['unreachable', 'refused']);
    const connected = connection.connect();
    sockets[0]!.open();
    await connected;
    sockets[0]!.drop();
    const failOnce = async (): Promise<void> => {
      timers.advance(timers.delays()[0] ?? 0);
      sockets.at(-1)!.drop();
      await Promise.resolve();
      await Promise.resolve();
    };
    for (let i = 1; i < CHECK_AFTER_FAILURES; i++) await failOnce();
    expect(checks).toEqual([]);
    expect(states.at(-1)).toBe('reconnecting');
    await failOnce(); // the server does not answer /session: gone, and still retrying
    expect(checks).toEqual(['unreachable']);
    expect(states.at(-1)).toBe('gone');
    expect(timers.delays()).toHaveLength(1);
    await failOnce(); // a new server on the port refuses our token: stale, and no more retries
    expect(checks).toEqual(['unreachable', 'refused', 'forgotten']);
    expect(states.at(-1)).toBe('stale');
    const opened = sockets.length;
    timers.advance(60_000);
    expect(sockets).toHaveLength(opened);
  });
});
