import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import { readCapture } from './test-fixtures.js';
import { parseTasklistServices } from './tasklist-services-parse.js';

const WINDOWS_10 = readCapture('tasklist-svc-windows-10.txt', '\r\n');
const WINDOWS_7 = readCapture('tasklist-svc-windows-7.txt', '\r\n');

/** Prints rows the way `tasklist /svc` does: 25-wide image, 8-wide right-aligned pid, 44-wide wrapped services. */
function tasklistSvc(rows: readonly { image: string; pid: number; services: string[] }[]): string {
  const lines = ['', 'Image Name                     PID Services', `${'='.repeat(25)} ${'='.repeat(8)} ${'='.repeat(44)}`];
  for (const row of rows) {
    const wrapped: string[] = [];
    for (const [i, name] of row.services.entries()) {
      const piece = `${name}${i < row.services.length - 1 ? ',' : ''}`;
      const last = wrapped.length - 1;
      if (last >= 0 && (wrapped[last] ?? '').length + 1 + piece.length <= 44) wrapped[last] += ` ${piece}`;
      else wrapped.push(piece);
    }
    const [first = 'N/A', ...more] = wrapped.length ? wrapped : ['N/A'];
    lines.push(`${row.image.padEnd(25)} ${String(row.pid).padStart(8)} ${first}`, ...more.map((m) => `${' '.repeat(35)}${m}`));
  }
  return lines.join('\r\n');
}

const serviceName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/);
const rows = fc.uniqueArray(
  fc.record({
    image: fc.stringMatching(/^[a-z][a-z0-9]{0,16}\.exe$/),
    pid: fc.integer({ min: 0, max: 99_999_999 }),
    services: fc.uniqueArray(serviceName, { maxLength: 9 }),
  }),
  { maxLength: 12, selector: (row) => row.pid },
);

describe('parseTasklistServices', () => {
  it('reads real Windows 10 output: wrapped lists, N/A, and the <SNIP> reported', () => {
    const { services, images, warnings } = parseTasklistServices(WINDOWS_10);
    expect(services.get(984)).toEqual(['BrokerInfrastructure', 'DcomLaunch', 'PlugPlay', 'Power', 'SystemEventsBroker']);
    expect(services.get(616)).toEqual(['RpcEptMapper', 'RpcSs']);
    expect(services.get(1352)).toEqual(['Schedule']);
    expect(services.has(4)).toBe(false);
    expect(services.size).toBe(9);
    expect([images.get(984), images.get(0), images.get(1352)]).toEqual(['svchost.exe', 'System Idle Process', 'svchost.exe']);
    expect(warnings).toEqual(['tasklist /svc line 25: not a process row: <SNIP>']);
  });

  it('reads real Windows 7 output: a name with spaces, lists wrapped over three lines', () => {
    const { services, warnings } = parseTasklistServices(WINDOWS_7);
    expect(services.get(828)).toEqual(['AMD External Events Utility']);
    expect(services.get(1112)).toHaveLength(15);
    expect(services.get(1112)?.slice(-2)).toEqual(['Winmgmt', 'wuauserv']);
    expect(services.get(1260)).toEqual(['EventSystem', 'netprofm', 'nsi', 'W32Time', 'WdiServiceHost', 'WinHttpAutoProxySvc']);
    expect(warnings).toEqual(['tasklist /svc line 26: not a process row: ...']);
  });

  it('throws ParseError for output without the column line, and reads no output as no services', () => {
    expect(() => parseTasklistServices(WINDOWS_10.split('\r\n').filter((l) => !l.startsWith('=')).join('\r\n'))).toThrow(ParseError);
    expect(parseTasklistServices('\r\n')).toEqual({ services: new Map(), images: new Map(), warnings: [] });
  });

  it('round-trips generated rows printed the way tasklist /svc prints them', () => {
    fc.assert(
      fc.property(rows, (generated) => {
        const { services, images, warnings } = parseTasklistServices(tasklistSvc(generated));
        expect(warnings).toEqual([]);
        expect(images).toEqual(new Map(generated.map((r) => [r.pid, r.image])));
        expect(services).toEqual(new Map(generated.filter((r) => r.services.length).map((r) => [r.pid, r.services])));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    const real = [...WINDOWS_10.split('\r\n'), ...WINDOWS_7.split('\r\n')].filter((l) => l.trim() !== '');
    const mangled = fc.array(fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 60 })), { maxLength: 20 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string({ unit: 'grapheme', maxLength: 300 })), (input) => {
        try {
          const { services, warnings } = parseTasklistServices(input);
          for (const names of services.values()) expect(names.length).toBeGreaterThan(0);
          expect(services.size + warnings.length).toBeLessThanOrEqual(input.split('\n').length);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
