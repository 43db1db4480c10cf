import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteArgument, splitCommandLine } from './command-line.js';
import { readCapture } from './test-fixtures.js';
import { parseWin32Processes } from './win32-process-parse.js';

const REAL = parseWin32Processes(readCapture('win32-process-windows-11-command-lines.json.txt')).processes;

describe('splitCommandLine', () => {
  it('splits real command lines: a quoted program path with spaces, a bare one, a trailing space', () => {
    const byPid = new Map(REAL.map((p) => [p.pid, splitCommandLine(p.commandLine ?? '')]));
    expect(byPid.get(17676)).toEqual(['C:\\Program Files\\MetaTrader 5\\terminal64.exe']);
    expect(byPid.get(21248)).toEqual([
      'C:\\MT5PortableGoldMission\\terminal64.exe',
      '/portable',
      '/config:C:\\MT5PortableGoldMission\\Config\\phase1_dry_run_startup.ini',
    ]);
    expect(byPid.get(13232)).toEqual([
      'C:\\MT5PortableTier1PathObserver\\terminal64.exe',
      '/portable',
      '/config:C:\\MT5PortableTier1PathObserver\\Config\\position_path_observer_startup.ini',
    ]);
    // Every real program name is the process's ExecutablePath.
    for (const p of REAL) expect(splitCommandLine(p.commandLine ?? '')[0]).toBe(p.exe);
  });

  it('follows the C runtime rules for backslashes and quotes in arguments', () => {
    expect(splitCommandLine('a.exe "b c" d\\\\"e f" g\\"h i\\\\\\"j "k""l" m\\n')).toEqual(['a.exe', 'b c', 'd\\e f', 'g"h', 'i\\"j', 'k"l', 'm\\n']);
    expect(splitCommandLine('"C:\\a b\\p.exe"x y')).toEqual(['C:\\a b\\p.exe', 'x', 'y']);
    expect(splitCommandLine('')).toEqual([]);
  });

  it('gives back any arguments quoted with quoteArgument, after any program name without quotes', () => {
    const programName = fc.string({ maxLength: 20 }).filter((s) => s !== '' && !/[ \t"]/.test(s));
    fc.assert(
      fc.property(programName, fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 6 }), (program, args) => {
        const line = [quoteArgument(program), ...args.map(quoteArgument)].join(' ');
        expect(splitCommandLine(line)).toEqual([program, ...args]);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and never returns more arguments than the line has characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '"', '\\', 'é'), maxLength: 40 }), (line) => {
        expect(splitCommandLine(line).length).toBeLessThanOrEqual(line.length);
      }),
      { numRuns: 2000 },
    );
  });
});
