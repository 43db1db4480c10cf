/** Argument parsing helpers: strict, typed, and every mistake a UsageError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/** node:util parseArgs in strict mode, with its errors turned into UsageErrors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals: boolean,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

/** A port number 1–65535 from text, or a UsageError naming the flag. */
export function portArg(text: string, what: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new UsageError(`${what} must be a port number, got "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new UsageError(`${what} must be between 1 and 65535, got ${port}`);
  return port;
}

/** A positive integer (pid, milliseconds) from text. */
export function positiveIntArg(text: string, what: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1) throw new UsageError(`${what} must be a positive integer, got "${text}"`);
  return Number(text);
}

/** `3000`, `127.0.0.1:3000`, `[::1]:3000`, `localhost:3000` → address (or null) and port. */
export function endpointArg(text: string): { address: string | null; port: number } {
  if (/^\d+$/.test(text)) return { address: null, port: portArg(text, 'port') };
  const bracketed = /^\[([0-9a-fA-F:.%a-zA-Z]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:[\]]+):(\d+)$/.exec(text);
  const match = bracketed ?? plain;
  if (!match) throw new UsageError(`expected a port or address:port (IPv6 in brackets), got "${text}"`);
  let address = (match[1] as string).toLowerCase();
  if (address === '*') address = '0.0.0.0';
  return { address, port: portArg(match[2] as string, 'port') };
}
