import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../model.js';
import { arbitraryMangledText } from '../../collect/test-arbitraries.js';
import { launchdService } from './launchd-jobs.js';
import { parseLaunchctlList, type LaunchdJob } from './launchctl-list.js';

/** A real capture (header lines starting `# ` name where it came from, and are dropped). */
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('# ') && line !== '#')
    .join('\n');
}

const USER_10_11 = fixture('launchctl-list-user-osx-10.11.txt');
const ROOT = fixture('launchctl-list-root-macos.txt');
const REDIS = fixture('launchctl-list-grep-homebrew-redis.txt');
const GREP_2022 = fixture('launchctl-list-grep-user-and-root-2022.txt');
const REAL_LINES = [USER_10_11, ROOT, REDIS, GREP_2022].flatMap((text) => text.split('\n')).filter(Boolean);

describe('launchctl list parser on real captures', () => {
  it("reads a user's listing (OS X 10.11): every job, running or not", () => {
    const jobs = parseLaunchctlList(USER_10_11);
    expect(jobs).toHaveLength(34);
    expect(jobs[0]).toEqual({ pid: null, status: 0, label: 'com.apple.CoreAuthentication.daemon' });
    expect(jobs.find((job) => job.label === 'com.apple.Finder')).toEqual({
      pid: 279,
      status: 0,
      label: 'com.apple.Finder',
    });
    expect(jobs.filter((job) => job.pid !== null).map((job) => job.pid)).toEqual([
      279, 324, 356, 304, 377, 354, 399, 375, 273,
    ]);
    expect(jobs.find((job) => job.pid === 399)?.label).toBe(
      'com.apple.mdworker.shared.04000000-0000-0000-0000-000000000000',
    );
  });

  it("reads root's listing (the system domain's daemons)", () => {
    const jobs = parseLaunchctlList(ROOT);
    expect(jobs).toHaveLength(39);
    expect(jobs.find((job) => job.pid === 158)?.label).toBe('uk.co.canimaansoftware.ClamXAV.HelperTool');
    expect(jobs.find((job) => job.pid === 181)?.label).toBe(
      'com.apple.loginwindow.39E51D48-6340-440E-A8A5-8EA0482BC63F',
    );
    expect(jobs.every((job) => job.status === 0)).toBe(true);
  });

  it('reads grep-filtered lines (no header), a blank line, and a negative status (the signal that ended the job)', () => {
    expect(parseLaunchctlList(REDIS)).toEqual([{ pid: null, status: -9, label: 'homebrew.mxcl.redis' }]);
    const jobs = parseLaunchctlList(GREP_2022);
    expect(jobs).toHaveLength(10);
    expect(jobs.find((job) => job.label === 'com.cylance.agent_service')).toEqual({
      pid: 161,
      status: 0,
      label: 'com.cylance.agent_service',
    });
  });

  it('names a Homebrew service by its label and any other job as launchd', () => {
    const [redis] = parseLaunchctlList(REDIS) as [LaunchdJob];
    expect(launchdService(redis.label, 'gui/501')).toEqual({
      kind: 'homebrew',
      formula: 'redis',
      label: 'homebrew.mxcl.redis',
      domain: 'gui/501',
    });
    expect(launchdService('homebrew.mxcl.postgresql@16', 'system')).toMatchObject({
      kind: 'homebrew',
      formula: 'postgresql@16',
    });
    expect(launchdService('com.apple.Finder', 'gui/501')).toEqual({
      kind: 'launchd',
      label: 'com.apple.Finder',
      domain: 'gui/501',
    });
    expect(launchdService('homebrew.mxcl.', 'system')).toMatchObject({ kind: 'launchd' });
  });

  it('reads Windows line ends and reports a line that is not PID<TAB>Status<TAB>Label with its number', () => {
    expect(parseLaunchctlList(REDIS.replaceAll('\n', '\r\n'))).toHaveLength(1);
    const broken = `${USER_10_11.split('\n').slice(0, 3).join('\n')}\n279 0 com.apple.Finder\n`;
    expect(() => parseLaunchctlList(broken)).toThrow(ParseError);
    expect(() => parseLaunchctlList(broken)).toThrow(/line 4/);
    expect(() => parseLaunchctlList('9999999999\t0\tx\n')).toThrow(/out of range/);
  });
});

/** A job as launchctl prints it: the pid or `-`, the status or `-`, the label. */
const job: fc.Arbitrary<LaunchdJob> = fc.record({
  pid: fc.option(fc.integer({ min: 1, max: 99_999 })),
  status: fc.option(fc.integer({ min: -31, max: 255 })),
  label: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._@+:[\]-]{0,60}$/).filter((label) => label !== 'Label'),
});

describe('launchctl list parser under fuzzing (fast-check)', () => {
  it('gives back every job it is shown, with or without the header', () => {
    fc.assert(
      fc.property(fc.array(job, { maxLength: 30 }), fc.boolean(), (jobs, header) => {
        const lines = jobs.map((j) => `${j.pid ?? '-'}\t${j.status ?? '-'}\t${j.label}`);
        const text = `${header ? 'PID\tStatus\tLabel\n' : ''}${lines.join('\n')}\n`;
        expect(parseLaunchctlList(text)).toEqual(jobs);
      }),
      { numRuns: 500 },
    );
  });

  it('returns jobs or throws ParseError for mangled real output, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbitraryMangledText(REAL_LINES), fc.string({ unit: 'binary', maxLength: 300 })),
        (text) => {
          try {
            for (const parsed of parseLaunchctlList(text)) {
              expect(parsed.label.length).toBeGreaterThan(0);
              expect(parsed.pid === null || (Number.isInteger(parsed.pid) && parsed.pid > 0)).toBe(true);
            }
          } catch (error) {
            if (!(error instanceof ParseError)) throw error;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
