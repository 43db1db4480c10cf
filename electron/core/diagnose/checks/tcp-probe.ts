/** A TCP connect to the target, with its outcome and latency; it sends nothing and closes at once. */
import { connect } from 'node:net';
import type { Probe } from '../../../contract/diagnose-model.js';

/** Connects to address:port, giving up after `timeoutMs`. */
export function tcpProbe(address: string, port: number, timeoutMs: number): Promise<Probe> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (outcome: Probe['outcome'], detail: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      const latencyMs = outcome === 'timeout' ? null : Math.round((performance.now() - started) * 10) / 10;
      resolve({ kind: 'tcp', address, port, outcome, latencyMs, detail, http: null, service: null });
    };
    const timer = setTimeout(() => done('timeout', `no answer in ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => done('connected', null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(outcomeOf(error.code), error.code ?? error.message));
  });
}

function outcomeOf(code: string | undefined): Probe['outcome'] {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ECONNRESET':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return 'unreachable';
    default:
      return 'error';
  }
}
