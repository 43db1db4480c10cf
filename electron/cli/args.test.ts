// The CLI's `address:port` grammar (endpointArg, and targetArg of kill/restart/logs): the
// contract's addresses, IPv6 in brackets; every other text is a UsageError (exit 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Target } from '../contract/api.js';
import { ipLiteral, notAddress } from '../contract/testing/address-arbitraries.js';
import { canonicalIp } from '../contract/target-address.js';
import { endpointArg } from './args.js';
import { targetArg } from './commands/kill.js';
import { UsageError } from './io.js';

/** The UsageError endpointArg throws for `text` (the test fails if it returns or throws anything else). */
function usageErrorOf(text: string): UsageError {
  try {
    const parsed = endpointArg(text);
    throw new Error(`${JSON.stringify(text)} was accepted as ${JSON.stringify(parsed)}`);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

const bracketed = (ip: string): string => (ip.includes(':') ? `[${ip}]` : ip);

/** notAddress without `[IPv6]`, which is the CLI's way of writing an IPv6 address. */
const notCliAddress = notAddress.filter(
  (text) => !(text.startsWith('[') && text.endsWith(']') && canonicalIp(text.slice(1, -1))?.includes(':')),
);

describe('endpointArg', () => {
  it.each([
    ['3000', null, 3000],
    ['127.0.0.1:3000', '127.0.0.1', 3000],
    ['0.0.0.0:80', '0.0.0.0', 80],
    ['[::1]:3000', '::1', 3000],
    ['[::]:53', '::', 53],
    ['[0:0:0:0:0:0:0:1]:3000', '::1', 3000],
    ['[FE80::1]:22', 'fe80::1', 22],
    ['[::ffff:127.0.0.1]:8080', '::ffff:127.0.0.1', 8080],
    ['localhost:3000', 'localhost', 3000],
    ['LOCALHOST:3000', 'localhost', 3000],
    ['*:3000', null, 3000],
  ])('%j → address %j, port %j', (text, address, port) => {
    expect(endpointArg(text)).toEqual({ address, port });
  });

  it.each([
    [
      'no.such.host:3000',
      /"no\.such\.host" is not an address: host names are not resolved; give an IPv4 address \(127\.0\.0\.1:PORT\), an IPv6 address in brackets \(\[::1\]:PORT\), localhost or \*/,
    ],
    ['[zz]:3000', /"zz" is not an address/],
    ['[127.0.0.1]:3000', /only an IPv6 address goes in brackets/],
    ['[localhost]:3000', /only an IPv6 address goes in brackets/],
    ['[*]:3000', /only an IPv6 address goes in brackets/],
    ['::1:3000', /write an IPv6 address in brackets, as in \[::1\]:3000/],
    ['1.2.3:3000', /"1\.2\.3" is not an address/],
    ['256.1.1.1:3000', /"256\.1\.1\.1" is not an address/],
    ['010.0.0.1:3000', /leading zeros are ambiguous/],
    ['[fe80::1%eth0]:22', /zones \(%interface\) are not supported/],
    ['[::g]:3000', /"::g" is not an address/],
    [':3000', /"" is not an address/],
    ['localhost', /expected a port or address:port/],
    ['localhost:', /port must be a port number/],
    ['localhost:70000', /port must be between 1 and 65535/],
    [' 127.0.0.1:3000', /" 127\.0\.0\.1" is not an address/],
    ['127.0.0.1:3000 ', /port must be a port number/],
  ])('%j is a UsageError: %s', (text, message) => {
    expect(usageErrorOf(text).message).toMatch(message);
  });

  it('every IP literal with a port is read to the canonical address (IPv6 in brackets)', () => {
    fc.assert(
      fc.property(ipLiteral, fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        expect(endpointArg(`${bracketed(ip)}:${port}`)).toEqual({ address: canonicalIp(ip), port });
      }),
      { numRuns: 2000 },
    );
  });

  it('text that is not an address is a UsageError, bare or in brackets', () => {
    fc.assert(
      fc.property(notCliAddress, fc.integer({ min: 1, max: 65535 }), (text, port) => {
        usageErrorOf(`${text}:${port}`);
        usageErrorOf(`[${text}]:${port}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('random text is a UsageError or a target the contract accepts as is (never anything else)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.stringMatching(/^\[?[0-9a-fA-F.:*]{0,16}\]?(?::\d{0,6})?$/),
          fc.tuple(notAddress, fc.string({ maxLength: 6 })).map(([a, b]) => `${a}:${b}`),
        ),
        (text) => {
          let parsed: { address: string | null; port: number };
          try {
            parsed = endpointArg(text);
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
            return;
          }
          const target = { kind: 'port' as const, ...parsed };
          expect(Target.parse(target)).toEqual(target);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('targetArg (kill, restart, logs)', () => {
  it('makes a port Target from address:port, canonical', () => {
    expect(targetArg(['[0::1]:80'], undefined)).toEqual({ kind: 'port', port: 80, address: '::1' });
    expect(targetArg(['*:80'], undefined)).toEqual({ kind: 'port', port: 80, address: null });
  });

  it('refuses what is not an address with a UsageError', () => {
    fc.assert(
      fc.property(notCliAddress, (text) => {
        expect(() => targetArg([`${text}:3000`], undefined)).toThrow(UsageError);
      }),
    );
  });
});
