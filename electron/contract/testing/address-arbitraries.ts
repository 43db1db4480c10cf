/**
 * Test helper: fast-check arbitraries for target addresses (target-address.ts). `ipLiteral`
 * makes valid IP text in many forms; `notAddress` makes text that is certainly not a target
 * address: host names, near misses of valid literals (one character off, an octet out of
 * range, a leading zero, a group too many, whitespace, a zone, brackets, unicode look-alikes).
 * Shared by the contract's, the CLI's and core's tests, which all must refuse the same text.
 */
import fc from 'fast-check';

/** Valid IPv4 and IPv6 literals, in any case, including IPv4-mapped and well-known ones. */
export const ipLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4(),
  fc.mixedCase(fc.ipV6()),
  fc.ipV4().map((v4) => `::ffff:${v4}`),
  fc.constantFrom('0.0.0.0', '127.0.0.1', '::', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', 'FE80::1'),
);

/** Characters that never appear in an address. */
const foreign = fc.constantFrom(
  'g',
  'z',
  'x',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '/',
  '\\',
  '[',
  ']',
  '%',
  '#',
  '@',
  ',',
  ';',
  '-',
  '+',
  '\u0660', // ARABIC-INDIC DIGIT ZERO
  '\uff11', // FULLWIDTH DIGIT ONE
  '\u2024', // ONE DOT LEADER
  '\uff1a', // FULLWIDTH COLON
  '\u0430', // CYRILLIC SMALL LETTER A
  '\u0000',
  '\ud83d\ude00',
);

/** `text` with the character at `at` (modulo its length) replaced by `by`. */
function replaceAt(text: string, at: number, by: string): string {
  const i = at % text.length;
  return text.slice(0, i) + by + text.slice(i + 1);
}

/** `text` with `by` inserted at `at` (modulo its length + 1). */
function insertAt(text: string, at: number, by: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + by + text.slice(i);
}

const octet = fc.integer({ min: 0, max: 255 });
const quad = fc.tuple(octet, octet, octet, octet);

/** Text that is not a target address (not an IP literal, `localhost` or `*`). */
export const notAddress: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'no.such.host',
    'example.com',
    'localhost.',
    'localhost6',
    'local host',
    '[zz]',
    'zz',
    '[::1]',
    '[]',
    '**',
    '* ',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.256',
    '010.0.0.1',
    '1.02.3.4',
    '0x7f.0.0.1',
    '127.1',
    '2130706433',
    '-1.2.3.4',
    '1..2.3',
    '::g',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1.2.3.4::',
    '::1.2.3',
    '::ffff:256.0.0.1',
    '12345::',
    'fe80::1%eth0',
    '::1%1',
    ' 127.0.0.1',
    '127.0.0.1 ',
    '127.0.0.1\n',
    '127.0.0.1:80',
    '１２７.0.0.1',
    '127。0.0.1',
    'ｌocalhost',
    'LOCALHOſT', // U+017F LATIN SMALL LETTER LONG S: upper-cases to S
  ),
  // Host names: letters in their last label, so never an IP literal.
  fc.domain(),
  // A valid literal with one character replaced by, or with one more, character foreign to addresses.
  fc.tuple(ipLiteral, fc.nat(), foreign).map(([ip, at, by]) => replaceAt(ip, at, by)),
  fc.tuple(ipLiteral, fc.nat(), foreign).map(([ip, at, by]) => insertAt(ip, at, by)),
  // IPv4 with an octet out of range, a leading zero, or a part too few or too many.
  fc
    .tuple(quad, fc.nat({ max: 3 }), fc.integer({ min: 256, max: 99_999 }))
    .map(([parts, i, big]) => parts.map((p, j) => (j === i ? big : p)).join('.')),
  fc
    .tuple(quad, fc.nat({ max: 3 }))
    .map(([parts, i]) => parts.map((p, j) => (j === i ? `0${p}` : `${p}`)).join('.')),
  quad.map((parts) => parts.slice(0, 3).join('.')),
  fc.tuple(quad, octet).map(([parts, more]) => [...parts, more].join('.')),
  // IPv6 with a group too many, a second `::`, or a zone.
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 9, maxLength: 12 })
    .map((g) => g.map((x) => x.toString(16)).join(':')),
  fc
    .tuple(fc.ipV6(), fc.ipV6())
    .filter(([a, b]) => a.includes('::') && b.includes('::'))
    .map(([a, b]) => `${a}:${b}`),
  fc.tuple(fc.ipV6(), fc.stringMatching(/^[a-z0-9]{1,8}$/)).map(([ip, zone]) => `${ip}%${zone}`),
  // Whitespace around, or brackets around (the contract form is bare).
  fc.tuple(ipLiteral, fc.constantFrom(' ', '\t', '\n', '\u00a0')).map(([ip, space]) => `${space}${ip}`),
  fc.tuple(ipLiteral, fc.constantFrom(' ', '\t', '\n', '\u00a0')).map(([ip, space]) => `${ip}${space}`),
  ipLiteral.map((ip) => `[${ip}]`),
  // Random text that contains at least one character foreign to addresses.
  fc
    .tuple(fc.string({ unit: 'binary', maxLength: 24 }), fc.nat(), foreign)
    .map(([text, at, by]) => insertAt(text, at, by)),
);
