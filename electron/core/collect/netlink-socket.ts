/**
 * A NETLINK_SOCK_DIAG socket driven through libc with koffi: synchronous calls, made from the
 * monitor's worker thread. Every failure is a CollectorError naming the syscall and errno.
 */
import { loadLibc } from '../koffi.js';
import { CollectorError } from '../model.js';
import { errnoName } from './errno-name.js';
import { AF_NETLINK, NETLINK_SOCK_DIAG } from './netlink-protocol.js';

const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_RCVTIMEO = 20;
const EINTR = 4;
const EAGAIN = 11;
/** A dump that stalls this long is a failure, not a reason to hang the monitor forever. */
const RECEIVE_TIMEOUT_SECONDS = 5;

interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, length: number): number;
  sendto(
    fd: number,
    data: Buffer,
    length: number,
    flags: number,
    address: Buffer,
    addressLength: number,
  ): number;
  recv(fd: number, into: Buffer, length: number, flags: number): number;
  close(fd: number): number;
  /** errno of this thread's last failed call. */
  errno(): number;
  /** sizeof(long) in C. */
  longSize: number;
}

let libc: Libc | null = null;

/** Binds the libc functions once per thread; throws CollectorError if libc cannot be loaded. */
function bindLibc(): Libc {
  if (libc !== null) return libc;
  const loaded = loadLibc();
  if (loaded instanceof Error) throw new CollectorError('netlink', `cannot load libc through koffi: ${loaded.message}`, { cause: loaded });
  const { koffi, libc: library } = loaded;
  try {
    libc = {
      socket: library.func('int socket(int, int, int)'),
      setsockopt: library.func('int setsockopt(int, int, int, const void *, uint32_t)'),
      sendto: library.func('intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)'),
      recv: library.func('intptr_t recv(int, void *, size_t, int)'),
      close: library.func('int close(int)'),
      errno: () => koffi.errno(),
      longSize: koffi.sizeof('long'),
    };
  } catch (error) {
    throw new CollectorError('netlink', `cannot bind libc functions: ${String(error)}`, { cause: error });
  }
  return libc;
}

/** A CollectorError for the failed `call` (libc is loaded: the call went through it). */
function syscallError(call: string): CollectorError {
  const errno = bindLibc().errno();
  return new CollectorError('netlink', `${call} failed: ${errnoName(errno)} (${errno})`);
}

/** One open netlink socket to the kernel's sock_diag. */
export class NetlinkSocket {
  /** sockaddr_nl of the kernel: family AF_NETLINK, pid 0, no groups. */
  private static readonly kernel = (() => {
    const address = Buffer.alloc(12);
    address.writeUInt16LE(AF_NETLINK, 0);
    return address;
  })();

  private constructor(
    private readonly libc: Libc,
    private fd: number,
  ) {}

  /** Opens the socket; throws CollectorError (e.g. EPROTONOSUPPORT without sock_diag). */
  static open(): NetlinkSocket {
    const c = bindLibc();
    const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) throw syscallError('socket(AF_NETLINK, NETLINK_SOCK_DIAG)');
    const long = c.longSize;
    const timeout = Buffer.alloc(2 * long); // struct timeval { long tv_sec; long tv_usec; }
    if (long === 8) timeout.writeBigInt64LE(BigInt(RECEIVE_TIMEOUT_SECONDS), 0);
    else timeout.writeInt32LE(RECEIVE_TIMEOUT_SECONDS, 0);
    if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length) !== 0) {
      const error = syscallError('setsockopt(SO_RCVTIMEO)');
      c.close(fd);
      throw error;
    }
    return new NetlinkSocket(c, fd);
  }

  /** Sends one request message to the kernel. */
  send(request: Buffer): void {
    this.assertOpen();
    for (;;) {
      const sent = this.libc.sendto(
        this.fd,
        request,
        request.length,
        0,
        NetlinkSocket.kernel,
        NetlinkSocket.kernel.length,
      );
      if (sent === request.length) return;
      if (sent < 0 && this.libc.errno() === EINTR) continue;
      if (sent < 0) throw syscallError('sendto');
      throw new CollectorError('netlink', `sendto sent ${sent} of ${request.length} bytes`);
    }
  }

  /** Receives one datagram into `into`; returns its length. */
  receive(into: Buffer): number {
    this.assertOpen();
    for (;;) {
      const length = this.libc.recv(this.fd, into, into.length, 0);
      if (length >= 0) return length;
      const errno = this.libc.errno();
      if (errno === EINTR) continue;
      if (errno === EAGAIN) {
        throw new CollectorError('netlink', `no reply from the kernel within ${RECEIVE_TIMEOUT_SECONDS} s`);
      }
      throw syscallError('recv');
    }
  }

  /** Closes the socket; safe to call twice. */
  close(): void {
    if (this.fd < 0) return;
    this.libc.close(this.fd);
    this.fd = -1;
  }

  private assertOpen(): void {
    if (this.fd < 0) throw new CollectorError('netlink', 'socket is closed');
  }
}
