import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../model.js';
import { parseBootTime } from './boot-clock.js';
import { parseCgroup } from './cgroup.js';
import { dockerProxyTarget, parseFibTrieLocal, parseIfInet6 } from './docker-proxy.js';
import { parseEnviron } from './environ.js';
import { parseStat } from './proc-stat.js';
import { parseStatus } from './process-info.js';
import { detectServiceManager } from './service-manager.js';
import { parsePasswd } from './user-names.js';

/** Runs `parse`; any outcome but a value or a ParseError fails the property. */
function valueOrParseError(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
);
/** Text made of the characters /proc files are built from, so fuzzing reaches deep branches. */
const procLike = fc.string({
  unit: fc.constantFrom('0', '1', '9', ' ', '(', ')', ':', '/', '\n', 'S', 'a', '-', '.', '=', '@'),
  maxLength: 200,
});

describe('parsers under fuzzing (fast-check)', () => {
  it('parseStat returns a value or throws ParseError, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, procLike), (input) => valueOrParseError(() => parseStat(input))),
      { numRuns: 2000 },
    );
  });

  it('parseStat recovers any name, pid, ppid and start time from a well-formed line', () => {
    const comm = fc.string({ unit: 'binary', maxLength: 15 }).filter((name) => !name.includes('\0'));
    const id = fc.integer({ min: 1, max: 4_194_304 });
    const ticks = fc.maxSafeNat();
    fc.assert(
      fc.property(
        comm,
        id,
        id,
        ticks,
        fc.constantFrom('R', 'S', 'D', 'Z', 'T', 't', 'I', 'X'),
        (name, pid, ppid, start, state) => {
          const fields = [
            state,
            ppid,
            1,
            1,
            0,
            -1,
            4194304,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            20,
            0,
            1,
            0,
            start,
            1000,
            10,
          ];
          expect(parseStat(`${pid} (${name}) ${fields.join(' ')}\n`)).toEqual({
            pid,
            comm: name,
            state,
            ppid,
            startTime: start,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseCgroup and detectServiceManager return a value or throw ParseError, for any input', () => {
    const env = fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), {
      nil: null,
    });
    const argv = fc.array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          'docker-proxy',
          '/usr/bin/docker-proxy',
          '-container-ip',
          '172.17.0.2',
          '--container-ip=::1',
        ),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.oneof(text, procLike), env, argv, (cgroup, environ, args) => {
        valueOrParseError(() => parseCgroup(cgroup));
        valueOrParseError(() =>
          detectServiceManager({ cgroup, environ, argv: args, containerForAddress: () => 'c' }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('parseEnviron never throws and round-trips any environment without NUL or "=" in names', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void parseEnviron(Buffer.from(bytes))),
      { numRuns: 2000 },
    );
    const name = fc.string({ minLength: 1, maxLength: 10 }).filter((key) => !/[\0=]/.test(key));
    const value = fc.string({ maxLength: 20 }).filter((v) => !v.includes('\0'));
    fc.assert(
      fc.property(fc.dictionary(name, value), (env) => {
        const block = Buffer.from(
          Object.entries(env)
            .map(([k, v]) => `${k}=${v}\0`)
            .join(''),
        );
        expect({ ...parseEnviron(block) }).toEqual({ ...env });
      }),
      { numRuns: 1000 },
    );
  });

  it('the other /proc and /etc parsers return a value or throw ParseError, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, procLike), (input) => {
        valueOrParseError(() => parseStatus(input));
        valueOrParseError(() => parseBootTime(input));
        parsePasswd(input);
        parseFibTrieLocal(input);
        parseIfInet6(input);
        dockerProxyTarget(input.split(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
