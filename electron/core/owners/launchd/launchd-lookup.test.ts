import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutTools } from '../../../test-support/system-tools.js';
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
const noTools = withoutTools('ps', 'lsof', 'id');
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe.skipIf(noTools)('the macOS process lookup: ps table + launchd services (stand-in launchctl)', () => {
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

  /**
   * A real chain as a terminal makes one: the job's process (`Terminal`), its child (`login`) and
   * grandchild (`zsh`, then the dev server below it). Returns the pids and the lookup over them.
   */
  async function chain(label: string) {
    const job = await children.node(`
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['-e', \`
  const { spawn } = require('node:child_process');
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  console.log(grandchild.pid);
  setInterval(() => {}, 1000);
\`], { stdio: ['ignore', 'pipe', 'ignore'] });
child.stdout.once('data', (data) => report({ childPid: child.pid, grandchildPid: Number(String(data).trim()) }));
setInterval(() => {}, 1000);
`);
    const { childPid, grandchildPid } = job.ready as { childPid: number; grandchildPid: number };
    const youngest = readProcessInfo(grandchildPid);
    if (!youngest) throw new Error('grandchild vanished');
    const stubs = temp.make('portlens-launchctl-');
    writeStubs(stubs, ['launchctl']);
    setStubOutput(stubs, 'launchctl', `PID\tStatus\tLabel\n${job.pid}\t0\t${label}\n`);
    await sleep(Math.max(0, youngest.startedAt + 1100 - Date.now())); // the listing must be younger than them
    const lookup = new LaunchdProcessLookup(new PsProcessTable(), createLaunchdJobs({ commands: stubRunner(stubs), uid: 501 }));
    await lookup.prepare(new Set([job.pid, childPid, grandchildPid]));
    return { jobPid: job.pid, childPid, grandchildPid, lookup };
  }

  it("attributes a job's own process and its direct child (a daemon's worker) to the job, never its grandchild (stand-in launchctl)", async () => {
    const { jobPid, childPid, grandchildPid, lookup } = await chain('com.example.nginx');
    const service = { kind: 'launchd', label: 'com.example.nginx', domain: 'gui/501' };
    expect(lookup.get(jobPid)?.service).toEqual(service);
    expect(lookup.get(childPid)?.ppid).toBe(jobPid);
    expect(lookup.get(childPid)?.service).toEqual(service);
    expect(lookup.get(grandchildPid)?.ppid).toBe(childPid);
    expect(lookup.get(grandchildPid)?.service).toBeNull();
  });

  it("never names a GUI app's job (application.com.apple.Terminal…) as the service of what runs in it (stand-in launchctl)", async () => {
    const { jobPid, childPid, grandchildPid, lookup } = await chain('application.com.apple.Terminal.38213957.38213963');
    for (const pid of [jobPid, childPid, grandchildPid]) {
      expect(lookup.get(pid)).not.toBeNull();
      expect(lookup.get(pid)?.service).toBeNull();
    }
    expect(lookup.lastWarnings).toEqual([]);
  });
});
