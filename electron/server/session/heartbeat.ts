/** Drops a client that stops answering pings (a tab whose machine slept, a dead link). */
import type { WebSocket } from 'ws';
import { toDisposable, type Disposable } from '../../contract/events.js';

/** Pings `socket` every `intervalMs`; terminates it when the previous ping got no pong. */
export function keepAlive(socket: WebSocket, intervalMs: number): Disposable {
  let alive = true;
  const onPong = (): void => {
    alive = true;
  };
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  socket.on('pong', onPong);
  return toDisposable(() => {
    clearInterval(timer);
    socket.off('pong', onPong);
  });
}
