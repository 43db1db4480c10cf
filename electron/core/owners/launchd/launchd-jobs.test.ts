import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { setStubOutput, stubCalls, stubRunner, writeStubs } from '../../actions/test-support/stubs.js';
import { TempDirs } from '../../actions/test-support/servers.js';
import { readProcessInfo } from '../process-info.js';
import { Children } from '../test-support/children.js';
import { createLaunchdJobs, launchdDomainOf } from './launchd-jobs.js';

// launchd cannot run here: a stand-in `launchctl` on PATH prints a real captured listing (OS X
// 10.11, see the fixture's header) plus one line naming a real process this test started.
const LISTING = readFileSync(new URL('./fixtures/launchctl-list-user-osx-10.11.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('# '))
  .join('\n');

const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

/** A real idle child, its ProcessInfo, and a stand-in launchctl listing it under `label`. */
async function listedChild(label: string) {
  const child = await children.node('report({}); setInterval(() => {}, 1000);');
  const info = readProcessInfo(child.pid);
  if (!info) throw new Error('child vanished');
  const stubs = temp.make('portlens-launchctl-');
  writeStubs(stubs, ['launchctl']);
  setStubOutput(stubs, 'launchctl', `${LISTING}${child.pid}\t0\t${label}\n`);
  // The listing must be younger than the process for the table to vouch for its pid.
  await sleep(Math.max(0, info.startedAt + 1100 - Date.now()));
  return { child, info, stubs };
}

describe('launchd jobs table (stand-in launchctl)', () => {
  it("names a real process's Homebrew service from one `launchctl list`, in the caller's domain (stand-in)", async () => {
    const { info, stubs } = await listedChild('homebrew.mxcl.redis');
    const jobs = createLaunchdJobs({ commands: stubRunner(stubs), uid: 501 });
    expect(jobs.serviceOf(info.pid, info.startedAt)).toBeNull(); // nothing read yet
    await Promise.all([jobs.refresh(), jobs.refresh(), jobs.refresh()]);
    await jobs.refresh();
    expect(jobs.problem).toBeNull();
    expect(jobs.serviceOf(info.pid, info.startedAt)).toEqual({
      kind: 'homebrew',
      formula: 'redis',
      label: 'homebrew.mxcl.redis',
      domain: 'gui/501',
    });
    expect(jobs.serviceOf(279, null)).toEqual({
      kind: 'launchd',
      label: 'com.apple.Finder',
      domain: 'gui/501',
    });
    // Four refreshes within a tick ran launchctl once.
    expect(stubCalls(stubs)).toEqual([['launchctl', 'list']]);
  });

  it("a child of a job's process belongs to the job; a process newer than the listing does not (stand-in)", async () => {
    const { info, stubs } = await listedChild('com.example.api');
    const jobs = createLaunchdJobs({ commands: stubRunner(stubs), uid: 0 });
    await jobs.refresh();
    expect(jobs.serviceOf(999_999, info.startedAt, info.pid)).toEqual({
      kind: 'launchd',
      label: 'com.example.api',
      domain: 'system',
    });
    expect(jobs.serviceOf(info.pid, Date.now())).toBeNull();
    expect(jobs.serviceOf(424_242, info.startedAt, 1)).toBeNull();
  });

  it("an application.* job (a GUI app: Terminal, iTerm, VS Code) is never a service, not even its own process's (stand-in)", async () => {
    const { info, stubs } = await listedChild('application.com.apple.Terminal.38213957.38213963');
    const jobs = createLaunchdJobs({ commands: stubRunner(stubs), uid: 501 });
    await jobs.refresh();
    expect(jobs.problem).toBeNull();
    expect(jobs.serviceOf(info.pid, info.startedAt)).toBeNull();
    expect(jobs.serviceOf(999_999, info.startedAt, info.pid)).toBeNull();
  });

  it('reads again once the listing is older than maxAgeMs, and forgets jobs when launchctl fails (stand-in)', async () => {
    const { info, stubs } = await listedChild('com.example.api');
    let clock = Date.now();
    const jobs = createLaunchdJobs({
      commands: stubRunner(stubs),
      uid: 501,
      now: () => clock,
      maxAgeMs: 1000,
    });
    await jobs.refresh();
    expect(jobs.serviceOf(info.pid, info.startedAt)?.kind).toBe('launchd');
    setStubOutput(stubs, 'launchctl', 'PID\tStatus\tLabel\nnot a job line\n');
    clock += 1500;
    await jobs.refresh();
    expect(stubCalls(stubs)).toHaveLength(2);
    expect(jobs.problem).toMatch(/launchd jobs unknown: launchctl list line 2/);
    expect(jobs.serviceOf(info.pid, info.startedAt)).toBeNull();
  });

  it('says why when launchctl is missing (a stub dir without it; Linux has none)', async () => {
    const empty = temp.make('portlens-empty-path-');
    const jobs = createLaunchdJobs({ commands: stubRunner(empty), uid: 501 });
    await jobs.refresh();
    expect(jobs.problem).toMatch(/launchctl is not installed/);
    expect(jobs.serviceOf(279, null)).toBeNull();
  });

  it('lists the system domain as root and gui/<uid> as a user', () => {
    expect(launchdDomainOf(0)).toBe('system');
    expect(launchdDomainOf(501)).toBe('gui/501');
  });
});
