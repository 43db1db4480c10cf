/**
 * What the server answers a request Node's HTTP parser refused, instead of dropping the
 * connection without a word: headers over the limit get 431 (RFC 6585), anything else 400.
 */
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};

/** `server.on('clientError', answerClientError)`. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset or timed-out connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = ANSWERS[error.code ?? ''] ?? '400 Bad Request';
  const body = `${status.slice(4)}\n`;
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
}
