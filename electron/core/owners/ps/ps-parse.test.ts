// The ps line readers on real macOS captures (fixtures/, each naming where it came from), and the
// readers of PortLens's own invocations on real Linux procps output (captured here by the test).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import { withoutTools } from '../../../test-support/system-tools.js';
import { readProcessInfo } from '../process-info.js';
import { argvOf, commandArgs, identityArgs, parseCommandOutput, parseIdentityOutput } from './ps-columns.js';
import { parseLstart, parsePsOutput } from './ps-line.js';

/** A fixture without its `# ` header lines. */
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .join('\n');
}

const isHeader = (line: string): boolean => /^\s*(UID|PID)\s/.test(line);

describe('ps column readers on real macOS output', () => {
  it('reads every line of macOS 10.14.6 `ps -ef`, the command column verbatim with its spaces', () => {
    const { rows, warnings } = parsePsOutput(
      fixture('ps-ef-macos-10.14.6.txt'),
      'ps -ef',
      (line) => {
        const uid = line.id('uid');
        const pid = line.id('pid');
        const ppid = line.id('ppid');
        for (const column of ['C', 'STIME', 'TTY', 'TIME']) line.word(column);
        return { uid, pid, ppid, command: line.rest() };
      },
      isHeader,
    );
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ uid: 0, pid: 1, ppid: 0, command: '/sbin/launchd' });
    const plugin = rows.find((row) => row.pid === 633);
    expect(plugin).toEqual({ uid: 501, pid: 633, ppid: 560, command: '/Applications/Sublime Text.app/Contents/MacOS/plugin_host 560 --auto-shell-env' });
    expect(rows.find((row) => row.pid === 41)?.command).toBe('/usr/libexec/UserEventAgent (System)');
    expect(rows.find((row) => row.pid === 680)?.command).toBe('SafeEjectGPUAgent');
    // What `args` cannot tell: the executable's own space splits it.
    expect(argvOf(plugin?.command ?? '').slice(0, 2)).toEqual(['/Applications/Sublime', 'Text.app/Contents/MacOS/plugin_host']);
  });

  it('reads macOS `ps -o pid,lstart,etime,command`: lstart as the wall clock it prints, then the command', () => {
    const { rows, warnings } = parsePsOutput(
      fixture('ps-lstart-macos.txt'),
      'ps -o pid,lstart,etime,command',
      (line) => ({ pid: line.id('pid'), start: line.lstart(), elapsed: line.word('etime'), command: line.rest() }),
      isHeader,
    );
    expect(warnings).toEqual([]);
    expect(rows).toEqual([
      {
        pid: 25401,
        start: Date.UTC(2026, 7, 21, 16, 12, 33) / 1000,
        elapsed: '02-19:00:09',
        command: '/Users/ujjwalsrivastava/thinkschool/day-11/QuotesApi/bin/Debug/net10.0/QuotesApi --urls http://localhost:5296',
      },
    ]);
  });

  it('refuses a localized lstart (a Mac in zh_CN) with a typed error, not a wrong date: why ps runs with LC_ALL=C', () => {
    const text = fixture('ps-lstart-macos-zh-locale.txt');
    const read = () =>
      parsePsOutput(text, 'ps -axo pid,ppid,lstart,command', (line) => ({ pid: line.id('pid'), ppid: line.id('ppid'), start: line.lstart(), command: line.rest() }));
    expect(read).toThrow(ParseError);
    expect(read).toThrow(/line 1: no line could be read \(1 tried\): no lstart date/);
  });
});

describe('parseLstart', () => {
  it('reads the C locale form, a one-digit day padded with a space', () => {
    expect(parseLstart('Sat Dec  5 23:00:12 2026')).toBe(Date.UTC(2026, 11, 5, 23, 0, 12) / 1000);
  });

  it('refuses a weekday that does not match the date, and a date that does not exist', () => {
    expect(() => parseLstart('Mon Dec  5 23:00:12 2026')).toThrow(/weekday Mon does not match/);
    expect(() => parseLstart('Tue Feb 30 10:00:00 2027')).toThrow(/not a real time/);
  });
});

const noPs = withoutTools('ps');

/** Runs ps as the process table does (C locale, UTC). */
function ps(args: string[]): string {
  const result = spawnSync('ps', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

// Here procps; on macOS (the platforms workflow) BSD ps, the tool these invocations are for.
describe.skipIf(noPs)("PortLens's ps invocations, read from real ps output (procps here, BSD ps on macOS)", () => {
  it('the identity call: pid, ppid, gid, state, start and comm of this process and pid 1', () => {
    const { rows, warnings } = parseIdentityOutput(ps(identityArgs([1, process.pid])));
    expect(warnings).toEqual([]);
    expect(rows.map((row) => row.pid)).toEqual([1, process.pid]);
    expect(rows[1]).toMatchObject({ ppid: process.ppid, gid: process.getgid?.() });
    // procps prints the task name, macOS's ps the executable's path.
    expect(rows[1]?.comm).toMatch(/(^|\/)node$/);
  });

  it('the command call: the command line is the rest of the line', () => {
    const { rows } = parseCommandOutput(ps(commandArgs([process.pid])));
    expect(rows[0]).toMatchObject({ pid: process.pid, ppid: process.ppid, uid: process.getuid?.() });
    const args = rows[0]?.args ?? '';
    // /proc holds the exact argv where it exists; elsewhere the script node runs must be in it.
    if (process.platform === 'linux') expect(argvOf(args)).toEqual(argvOf(readProcessInfo(process.pid)?.argv.join(' ') ?? ''));
    else expect(args).toContain(process.argv[1] ?? '(no script)');
  });
});
