import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import { powershell51, readCapture } from './test-fixtures.js';
import { parseWin32Processes, type WindowsProcess } from './win32-process-parse.js';

const SINGLE = readCapture('win32-process-windows-11-single.json.txt', '\r\n');
const COMMAND_LINES = readCapture('win32-process-windows-11-command-lines.json.txt', '\r\n');

const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }));
const windowsProcess: fc.Arbitrary<WindowsProcess> = fc.record({
  pid: fc.integer({ min: 0, max: 0xffffffff }),
  ppid: fc.option(fc.integer({ min: 0, max: 0xffffffff })),
  name: text,
  exe: text,
  commandLine: text,
  createdAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 })),
});

describe('parseWin32Processes', () => {
  it('reads a real single-process answer (one bare object) with its creation date and parent', () => {
    expect(parseWin32Processes(SINGLE)).toEqual({
      processes: [
        {
          pid: 16828,
          ppid: 20256,
          name: 'Notepad.exe',
          exe: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsNotepad_11.2607.14.0_x64__8wekyb3d8bbwe\\Notepad\\Notepad.exe',
          commandLine: null,
          // The capture's RUN.md gives GetProcessTimes' FILETIME 134345511710339280 for this
          // process: (FILETIME - 116444736000000000) / 10000 = 1790077571033.9 ms.
          createdAt: 1790077571033,
        },
      ],
      warnings: [],
    });
  });

  it('reads a real array of processes with their command lines, quotes and trailing spaces kept', () => {
    const { processes, warnings } = parseWin32Processes(COMMAND_LINES);
    expect(warnings).toEqual([]);
    expect(processes.map((p) => p.pid)).toEqual([21248, 16092, 3144, 17200, 11724, 13232, 8780, 17676, 12928]);
    expect(processes[7]).toEqual({
      pid: 17676,
      ppid: null,
      name: 'terminal64.exe',
      exe: 'C:\\Program Files\\MetaTrader 5\\terminal64.exe',
      commandLine: '"C:\\Program Files\\MetaTrader 5\\terminal64.exe" ',
      createdAt: null,
    });
  });

  it('skips an unreadable object with a warning naming it, and reads the rest', () => {
    const [first, second] = JSON.parse(COMMAND_LINES) as object[];
    const mixed = JSON.stringify([first, { ...second, ProcessId: '16092' }, { ...first, CreationDate: '2026-06-13T22:31:19Z' }, first]);
    const { processes, warnings } = parseWin32Processes(mixed);
    expect(processes.map((p) => p.pid)).toEqual([21248]);
    expect(warnings).toEqual([
      'Win32_Process JSON item 2: ProcessId is not a pid: "16092"',
      'Win32_Process JSON item 3: CreationDate is not \\/Date(ms)\\/: "2026-06-13T22:31:19Z"',
      'Win32_Process JSON item 4: pid 21248 listed twice',
    ]);
  });

  it('reads no output as no process, and throws ParseError for output that is not JSON objects', () => {
    expect(parseWin32Processes('\r\n')).toEqual({ processes: [], warnings: [] });
    expect(parseWin32Processes('[]')).toEqual({ processes: [], warnings: [] });
    expect(() => parseWin32Processes(SINGLE.slice(0, 40))).toThrow(ParseError);
    expect(() => parseWin32Processes('"Get-CimInstance : Access denied"')).toThrow(ParseError);
  });

  it('round-trips generated processes printed the way PowerShell 5.1 prints them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(windowsProcess, { minLength: 1, maxLength: 8, selector: (p) => p.pid }), (processes) => {
        expect(parseWin32Processes(powershell51(processes))).toEqual({ processes, warnings: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ParseError on mangled or random input', () => {
    const mangled = fc
      .tuple(fc.constantFrom(SINGLE, COMMAND_LINES), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([real, at, length, insert]) => {
        const start = at % (real.length + 1);
        return real.slice(0, start) + insert + real.slice(start + (length % 20));
      });
    fc.assert(
      fc.property(fc.oneof(mangled, fc.json(), fc.string({ unit: 'grapheme', maxLength: 200 })), (input) => {
        try {
          const { processes, warnings } = parseWin32Processes(input);
          for (const p of processes) expect(Number.isInteger(p.pid)).toBe(true);
          expect(Array.isArray(warnings)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
