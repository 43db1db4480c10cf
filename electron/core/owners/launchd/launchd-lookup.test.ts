import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { setStubOutput, stubRunner, writeStubs } from '../../actions/test-support/stubs.js';
import { TempDirs } from '../../actions/test-support/servers.js';
import { PsProcessTable } from '../ps/ps-process-table.js';
import { readProcessInfo } from '../process-info.js';
import { Children } from '../test-support/children.js';
import { createLaunchdJobs } from './launchd-jobs.js';
import { LaunchdProcessLookup } from './launchd-lookup.js';

// The macOS lookup on this machine: the real ps table (procps takes macOS's options) over real
// processes, and a stand-in `launchctl` (launchd cannot exist here) listing the job's process.
const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe('the macOS process lookup: ps table + launchd services (stand-in launchctl)', () => {
  it("names the service of a server whose parent is the job's process, keeps the same object across polls, and warns when launchctl fails", async () => {
    // The job's process (what launchd started) runs the server, which holds the port.
    const job = await children.node(`
import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
report({ serverPid: server.pid });
setInterval(() => {}, 1000);
`);
    const serverPid = (job.ready as { serverPid: number }).serverPid;
    const info = readProcessInfo(serverPid);
    if (!info) throw new Error('server vanished');
    const stubs = temp.make('portlens-launchctl-');
    writeStubs(stubs, ['launchctl']);
    setStubOutput(stubs, 'launchctl', `PID\tStatus\tLabel\n${job.pid}\t0\thomebrew.mxcl.redis\n`);
    await sleep(Math.max(0, info.startedAt + 1100 - Date.now())); // the listing must be younger than the server

    const lookup = new LaunchdProcessLookup(new PsProcessTable(), createLaunchdJobs({ commands: stubRunner(stubs), uid: 501 }));
    const pids = new Set([serverPid]);
    await lookup.prepare(pids);
    const first = lookup.get(serverPid);
    expect(first?.ppid).toBe(job.pid);
    expect(first?.service).toEqual({ kind: 'homebrew', formula: 'redis', label: 'homebrew.mxcl.redis', domain: 'gui/501' });
    expect(lookup.lastWarnings).toEqual([]);
    lookup.prune(pids);
    await sleep(1100); // the table refreshes at most once a second
    await lookup.prepare(pids);
    expect(lookup.get(serverPid)).toBe(first);

    setStubOutput(stubs, 'launchctl', 'not a listing at all\n');
    await sleep(1100);
    await lookup.prepare(pids);
    expect(lookup.get(serverPid)?.service ?? null).toBeNull();
    expect(lookup.lastWarnings.join('\n')).toMatch(/^launchd services unknown: /m);
  });
});
