/**
 * One history event as bytes: a fixed 52-byte header (magic, length, CRC-32, then the fields a
 * query filters on at fixed offsets) and the strings after it. The magic and the CRC let a
 * reader find the records after a torn write (a writer killed mid-write, with other writers
 * appending after it) and refuse the torn one.
 *
 *   0 u32 magic · 4 u32 length · 8 u32 crc32 of [12, length) · 12 f64 time · 20 u8 type
 *   21 u8 protocol · 22 u8 family · 23 u8 flags · 24 u16 local port · 26 u16 remote port
 *   28 u32 pid · 32 f64 bytes sent · 40 f64 bytes received · 48 u32 reserved
 *   52 strings, each u16 byte length (0xFFFF: null) + UTF-8: local address, remote address,
 *      process name, user, detail
 */
import { crc32 } from 'node:zlib';
import { HISTORY_EVENT_TYPES, type HistoryEvent } from '../../contract/history.js';
import { PROTOCOLS } from '../../contract/enum-values.js';

export const RECORD_MAGIC = 0x9e4c5048;
export const HEADER_BYTES = 52;
/** Longest string kept per field (bytes); a longer detail or command line is cut. */
const MAX_STRING_BYTES = 2048;
export const MAX_RECORD_BYTES = HEADER_BYTES + 5 * (2 + MAX_STRING_BYTES);
const NULL_LENGTH = 0xffff;

const enum Flag {
  RemotePort = 1,
  Pid = 2,
  BytesSent = 4,
  BytesReceived = 8,
}

/** Header offsets a scan reads without decoding the record. */
export const OFFSET = { length: 4, crc: 8, time: 12, type: 20, localPort: 24, remotePort: 26, pid: 28 } as const;

/** The record of one event. */
export function encodeRecord(event: HistoryEvent): Buffer {
  const strings = [event.localAddress, event.remoteAddress, event.processName, event.user, event.detail].map(textBytes);
  const length = HEADER_BYTES + strings.reduce((sum, bytes) => sum + 2 + (bytes?.length ?? 0), 0);
  const buffer = Buffer.alloc(length);
  buffer.writeUInt32LE(RECORD_MAGIC, 0);
  buffer.writeUInt32LE(length, 4);
  buffer.writeDoubleLE(event.time, 12);
  buffer.writeUInt8(HISTORY_EVENT_TYPES.indexOf(event.type), 20);
  buffer.writeUInt8(PROTOCOLS.indexOf(event.protocol), 21);
  buffer.writeUInt8(event.family, 22);
  let flags = 0;
  if (event.remotePort !== null) flags |= Flag.RemotePort;
  if (event.pid !== null) flags |= Flag.Pid;
  if (event.bytesSent !== null) flags |= Flag.BytesSent;
  if (event.bytesReceived !== null) flags |= Flag.BytesReceived;
  buffer.writeUInt8(flags, 23);
  buffer.writeUInt16LE(event.localPort, 24);
  buffer.writeUInt16LE(event.remotePort ?? 0, 26);
  buffer.writeUInt32LE(event.pid ?? 0, 28);
  buffer.writeDoubleLE(event.bytesSent ?? 0, 32);
  buffer.writeDoubleLE(event.bytesReceived ?? 0, 40);
  let at = HEADER_BYTES;
  for (const bytes of strings) {
    buffer.writeUInt16LE(bytes ? bytes.length : NULL_LENGTH, at);
    at += 2;
    if (bytes) at += bytes.copy(buffer, at);
  }
  buffer.writeUInt32LE(crc32(buffer.subarray(12)), 8);
  return buffer;
}

/** True when the record at `offset` (its length already checked to fit) has the CRC it claims. */
export function recordIntact(buffer: Buffer, offset: number, length: number): boolean {
  return crc32(buffer.subarray(offset + 12, offset + length)) === buffer.readUInt32LE(offset + 8);
}

/** The event in the record at `offset`, or null when the record is damaged. */
export function decodeRecord(buffer: Buffer, offset: number): HistoryEvent | null {
  if (offset + HEADER_BYTES > buffer.length || buffer.readUInt32LE(offset) !== RECORD_MAGIC) return null;
  const length = buffer.readUInt32LE(offset + 4);
  if (length < HEADER_BYTES || offset + length > buffer.length || !recordIntact(buffer, offset, length)) return null;
  const type = HISTORY_EVENT_TYPES[buffer.readUInt8(offset + 20)];
  const protocol = PROTOCOLS[buffer.readUInt8(offset + 21)];
  const family = buffer.readUInt8(offset + 22);
  if (!type || !protocol || (family !== 4 && family !== 6)) return null;
  const flags = buffer.readUInt8(offset + 23);
  const strings: (string | null)[] = [];
  let at = offset + HEADER_BYTES;
  const end = offset + length;
  for (let i = 0; i < 5; i++) {
    if (at + 2 > end) return null;
    const size = buffer.readUInt16LE(at);
    at += 2;
    if (size === NULL_LENGTH) strings.push(null);
    else {
      if (at + size > end) return null;
      strings.push(buffer.toString('utf8', at, at + size));
      at += size;
    }
  }
  return {
    time: buffer.readDoubleLE(offset + 12),
    type,
    protocol,
    family,
    localAddress: strings[0] ?? '',
    localPort: buffer.readUInt16LE(offset + 24),
    remoteAddress: strings[1] ?? null,
    remotePort: flags & Flag.RemotePort ? buffer.readUInt16LE(offset + 26) : null,
    pid: flags & Flag.Pid ? buffer.readUInt32LE(offset + 28) : null,
    processName: strings[2] ?? null,
    user: strings[3] ?? null,
    bytesSent: flags & Flag.BytesSent ? buffer.readDoubleLE(offset + 32) : null,
    bytesReceived: flags & Flag.BytesReceived ? buffer.readDoubleLE(offset + 40) : null,
    detail: strings[4] ?? null,
  };
}

function textBytes(text: string | null): Buffer | null {
  if (text === null) return null;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_STRING_BYTES) return bytes;
  // Cut at a character boundary so the stored text stays valid UTF-8.
  let end = MAX_STRING_BYTES;
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
