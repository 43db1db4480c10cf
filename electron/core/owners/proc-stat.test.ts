import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '../model.js';
import { parseStat, processIdentity, readStat } from './proc-stat.js';
import { Children, waitFor } from './test-support/children.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/stat/${name}`, import.meta.url), 'utf8');
const children = new Children();
afterEach(() => children.stopAll());

describe('parseStat', () => {
  it('reads pid, name, state, ppid and start time (field 22) from real stat lines', () => {
    expect(parseStat(fixture('cat.txt'))).toEqual({
      pid: 14780,
      comm: 'cat',
      state: 'R',
      ppid: 14769,
      startTime: 87292,
    });
    expect(parseStat(fixture('kthreadd.txt'))).toEqual({
      pid: 2,
      comm: 'kthreadd',
      state: 'S',
      ppid: 0,
      startTime: 19,
    });
  });

  it('takes the name up to the LAST parenthesis, so names with spaces and ") (" parse', () => {
    const rest = 'S 1 4242 4242 0 -1 4194560 90 0 0 0 0 0 0 0 20 0 1 0 123456 1000 10 18446744073709551615';
    expect(parseStat(`4242 (a) b (c) ${rest}\n`)).toMatchObject({
      pid: 4242,
      comm: 'a) b (c',
      ppid: 1,
      startTime: 123456,
    });
    expect(parseStat(`7 () ${rest}`)).toMatchObject({ pid: 7, comm: '' });
    expect(parseStat(`7 (x) S 1) ${rest}`)).toMatchObject({ comm: 'x) S 1', state: 'S' });
  });

  it('throws ParseError for text that is not a stat line', () => {
    for (const text of [
      '',
      'garbage',
      '12 (x)',
      '12 (x) S',
      'x (y) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20',
      '0 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20',
      '5 (x) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20',
      '5 (x) S -1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20',
    ]) {
      expect(() => parseStat(text), text).toThrow(ParseError);
    }
  });
});

describe('readStat / processIdentity (real processes)', () => {
  it('reads a program whose file name contains spaces and parentheses', async () => {
    const dir = children.tempDir();
    const program = join(dir, 'a) b (c');
    copyFileSync('/bin/sleep', program);
    const child = await children.spawn(program, ['600'], { noReadyLine: true });
    // Until exec completes the child still carries node's name.
    const stat = await waitFor(() => {
      const now = readStat(child.pid);
      return now?.comm === 'a) b (c' ? now : null;
    }, 'the renamed sleep to exec');
    expect(stat).toMatchObject({ pid: child.pid, ppid: process.pid });
    expect(['S', 'R']).toContain(stat.state);
    expect(processIdentity(child.pid)).toEqual({ pid: child.pid, startTime: stat.startTime });
  });

  it('returns null for a process that does not exist and for non-pids', () => {
    const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    for (const pid of [pidMax + 1, 0, -1, 1.5, Number.NaN]) {
      expect(readStat(pid)).toBeNull();
      expect(processIdentity(pid)).toBeNull();
    }
  });

  it('returns null once a process has exited', async () => {
    const child = await children.spawn('/bin/sleep', ['600'], { noReadyLine: true });
    expect(readStat(child.pid)).not.toBeNull();
    await children.stop(child);
    expect(readStat(child.pid)).toBeNull();
  });
});
