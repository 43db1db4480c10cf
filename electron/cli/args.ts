/** Argument parsing helpers: strict, typed, and every mistake a UsageError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readTargetAddress } from '../contract/target-address.js';
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

/** How the CLI writes a target address, for messages. */
const ADDRESS_FORMS = 'an IPv4 address (127.0.0.1:PORT), an IPv6 address in brackets ([::1]:PORT), localhost or *';

/**
 * `3000`, `127.0.0.1:3000`, `[::1]:3000`, `localhost:3000`, `*:3000` → the canonical address
 * (null: any) and the port. The address grammar is the contract's (target-address.ts), with
 * IPv6 in brackets (and only IPv6); host names are never resolved. Anything else: UsageError.
 */
export function endpointArg(text: string): { address: string | null; port: number } {
  if (/^\d+$/.test(text)) return { address: null, port: portArg(text, 'port') };
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new UsageError(`expected a port or address:port, got ${JSON.stringify(text)}`);
  const host = text.slice(0, colon);
  const port = portArg(text.slice(colon + 1), 'port');
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const inner = bracketed ? host.slice(1, -1) : host;
  if (!bracketed && inner.includes(':'))
    throw new UsageError(`write an IPv6 address in brackets, as in [::1]:${port}; got ${JSON.stringify(text)}`);
  const read = readTargetAddress(inner, ADDRESS_FORMS);
  if (!read.ok) throw new UsageError(read.reason);
  if (bracketed !== (read.address?.includes(':') ?? false))
    throw new UsageError(`only an IPv6 address goes in brackets, as in [::1]:${port}; got ${JSON.stringify(text)}`);
  return { address: read.address, port };
}
