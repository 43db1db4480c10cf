/** Types for socket-farm.mjs (plain ESM so scripts, e2e and tests import it without a build). */

/** Options of {@link startSocketFarm}. */
export interface SocketFarmOptions {
  /** Established loopback TCP connections; each is two sockets (server end and client end). */
  tcpConnections: number;
  /** Bound, unconnected UDP sockets on 127.0.0.1. Default 0. */
  udpSockets?: number;
  /** Listening TCP ports, at least one per server process. Default 1. */
  listeners?: number;
  /**
   * Keep byte counters moving: every `every`-th connection's client writes `bytes` bytes each
   * `intervalMs`, and the server echoes them. `true` means every 10th, 32 bytes, each second.
   */
  traffic?: boolean | { every?: number; bytes?: number; intervalMs?: number };
  /** Cap on sockets per child process (capped again by the hard fd limit). Default 5000. */
  maxSocketsPerProcess?: number;
  /** Handshakes in flight per client process. Default 256. */
  concurrency?: number;
  /** Rejects (after stopping its children) if not ready by then. Default 60 s + 5 ms a connection. */
  timeoutMs?: number;
}

/** A running farm. */
export interface SocketFarm {
  /** Pids of every child process (servers, UDP holders, clients). */
  pids: number[];
  /** Listening TCP ports on {@link SocketFarm.serverAddress}; every connection goes to one of them. */
  ports: number[];
  /** Ports of the bound UDP sockets. */
  udpPorts: number[];
  /** Where the listeners and UDP sockets are bound: 127.0.0.1. */
  serverAddress: string;
  /** One random 127.x.y.z source address per client process. */
  sourceAddresses: string[];
  /** Stops exactly the farm's children (by pid) and resolves once all have exited. */
  stop(): Promise<void>;
}

/** Starts a farm; resolves once every connection is accepted on the server side. */
export function startSocketFarm(options: SocketFarmOptions): Promise<SocketFarm>;

/** The hard limit on open files of this process (children raise their soft limit to it). */
export function hardFdLimit(): number;
