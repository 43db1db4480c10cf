import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RestartResult } from '../../contract/api.js';
import type { ServiceManager, Snapshot } from '../model.js';
import { withLaunchdServices } from '../owners/launchd/attach-services.js';
import { createLaunchdJobs, type LaunchdJobs } from '../owners/launchd/launchd-jobs.js';
import { LaunchdProcessLookup } from '../owners/launchd/launchd-lookup.js';
import { ProcessCache } from '../owners/process-cache.js';
import { createCollector } from '../collect/create-collector.js';
import { OneShotOwners } from '../one-shot/one-shot-owners.js';
import { SnapshotPipeline } from '../snapshot/pipeline.js';
import { Children, CHILD_PRELUDE } from '../owners/test-support/children.js';
import { locateLogs } from './logs.js';
import { previewRestart, restart } from './restart.js';
import { Adopted, SERVER_SOURCE, startServer, TempDirs, type TestServer } from './test-support/servers.js';
import { setStubOutput, stubCalls, stubRunner, withService, writeStubs } from './test-support/stubs.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from './test-support/test-deps.js';

// launchd and Homebrew cannot exist here. A real server holds a real loopback port; stand-in
// `launchctl` and `brew` executables on PATH record their argv. `launchctl list` prints a line
// naming the server's pid, so the service comes from the same detection the app uses.
const children = new Children();
const adopted = new Adopted();
const temp = new TempDirs();
afterEach(async () => {
  adopted.stopAll();
  await children.stopAll();
  temp.removeAll();
});

/**
 * One snapshot through macOS's process lookup (LaunchdProcessLookup, as process-source.ts builds
 * it there), over this machine's collector and /proc instead of ps.
 */
async function launchdSnapshot(jobs: LaunchdJobs): Promise<Snapshot> {
  const { collector, warnings } = createCollector();
  try {
    const processes = new LaunchdProcessLookup(new ProcessCache(), jobs);
    return await new SnapshotPipeline({ collector, owners: new OneShotOwners(), processes, warnings, history: false }).tick();
  } finally {
    collector.close();
  }
}

/**
 * A real server that the stand-in launchctl lists as `label`, detected as PortLens running with
 * effective uid `listedBy` would see it, and deps acting as uid `selfUid`.
 */
async function launchdServer(
  label: string,
  listedBy: number,
  selfUid: number,
  env: Record<string, string> = {},
) {
  const server: TestServer = await startServer(children);
  const stubs = temp.make('portlens-stubs-');
  writeStubs(stubs, ['launchctl', 'brew']);
  setStubOutput(
    stubs,
    'launchctl',
    `PID\tStatus\tLabel\n-\t0\tcom.apple.quicklook\n${server.pid}\t0\t${label}\n`,
  );
  const deps0 = testDeps(temp.make(), { selfUid });
  const info = deps0.processes.info(server.pid);
  if (!info) throw new Error('server vanished');
  await sleep(Math.max(0, info.startedAt + 1100 - Date.now())); // the listing must be younger than the server
  const jobs = createLaunchdJobs({ commands: stubRunner(stubs), uid: listedBy });
  await jobs.refresh();
  const service = jobs.serviceOf(server.pid, info.startedAt);
  if (!service) throw new Error(`not detected: ${jobs.problem}`);
  // The stand-in brew is the one trusted candidate (the real ones are /opt/homebrew and /usr/local).
  const deps = withService({ ...deps0, commands: stubRunner(stubs, env), brews: [join(stubs, 'brew')] }, server.pid, service);
  return { server, stubs, deps, service };
}

/**
 * Makes the stand-in `launchctl kickstart -k` do what launchd does, slowly: end the job's process
 * (the server this test started, by its pid), wait for its port to close, and start the job again
 * after `delayMs`, detached (its pid is written to `<stubs>/new.pid`). A Node script, so it can
 * probe the port.
 */
function slowKickstart(stubs: string, server: TestServer, delayMs: number): void {
  const serverFile = join(stubs, 'server.mjs');
  writeFileSync(
    serverFile,
    `await new Promise((r) => setTimeout(r, ${delayMs}));\n${CHILD_PRELUDE}${SERVER_SOURCE}`,
  );
  const script = join(stubs, 'launchctl');
  writeFileSync(
    script,
    `#!${process.execPath}
import { appendFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
const args = process.argv.slice(2);
appendFileSync(${JSON.stringify(join(stubs, 'calls.log'))}, ['launchctl', ...args].join('\\t') + '\\n');
if (args[0] === 'kickstart') {
  process.kill(${server.pid}, 'SIGTERM');
  const open = () => new Promise((resolve) => {
    const socket = connect(${server.port}, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
  while (await open()) await new Promise((r) => setTimeout(r, 20));
  const child = spawn(process.execPath, [${JSON.stringify(serverFile)}, '${server.port}'], { detached: true, stdio: 'ignore' });
  writeFileSync(${JSON.stringify(join(stubs, 'new.pid'))}, String(child.pid));
  child.unref();
}
`,
  );
  chmodSync(script, 0o755);
}

function restartOf(server: TestServer, deps: ReturnType<typeof testDeps>) {
  return restart(
    { pid: server.pid, startTime: server.startTime, withoutEnvironment: false, timeoutMs: 5000 },
    deps,
  );
}

/** The calls after detection's `launchctl list`. */
function restartCalls(stubs: string): string[][] {
  return stubCalls(stubs).filter((call) => call.join(' ') !== 'launchctl list');
}

describe(
  'restart through launchd and Homebrew (stand-in launchctl and brew)',
  { timeout: ACTION_TEST_TIMEOUT_MS },
  () => {
    it("a user's launchd job → launchctl kickstart -k gui/UID/LABEL, then waits for the port (stand-in)", async () => {
      const { server, stubs, deps, service } = await launchdServer('com.example.api', 501, 501);
      expect(service).toEqual<ServiceManager>({
        kind: 'launchd',
        label: 'com.example.api',
        domain: 'gui/501',
      });
      const preview = await previewRestart({ kind: 'port', port: server.port, address: null }, deps);
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value).toMatchObject({
        method: 'launchd',
        command: ['launchctl', 'kickstart', '-k', 'gui/501/com.example.api'],
      });

      const result = await restartOf(server, deps);
      if (!result.ok) throw new Error(result.error.message);
      expect(RestartResult.safeParse(result.value).success).toBe(true);
      expect(result.value).toMatchObject({
        method: 'launchd',
        oldPid: server.pid,
        newPid: server.pid,
        ports: [server.port],
        logFile: null,
      });
      expect(restartCalls(stubs)).toEqual([['launchctl', 'kickstart', '-k', 'gui/501/com.example.api']]);
    });

    it('a kickstart that ends the process and starts a new one late: the result waits for the port and names the new pid (stand-in)', async () => {
      const { server, stubs, deps } = await launchdServer('com.example.api', 501, 501);
      slowKickstart(stubs, server, 800);
      const result = await restartOf(server, deps);
      const newPidFile = join(stubs, 'new.pid');
      if (existsSync(newPidFile)) adopted.add(Number(readFileSync(newPidFile, 'utf8')));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.newPid).toBe(Number(readFileSync(newPidFile, 'utf8')));
      expect(result.value.newPid).not.toBe(server.pid);
      expect(result.value.elapsedMs).toBeGreaterThanOrEqual(800);
      expect(restartCalls(stubs)).toEqual([['launchctl', 'kickstart', '-k', 'gui/501/com.example.api']]);
    });

    it("the user's own Homebrew service → brew services restart FORMULA (stand-in)", async () => {
      const { server, stubs, deps, service } = await launchdServer('homebrew.mxcl.postgresql@16', 501, 501);
      expect(service).toEqual({
        kind: 'homebrew',
        formula: 'postgresql@16',
        label: 'homebrew.mxcl.postgresql@16',
        domain: 'gui/501',
      });
      const result = await restartOf(server, deps);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.method).toBe('homebrew');
      expect(restartCalls(stubs)).toEqual([['brew', 'services', 'restart', 'postgresql@16']]);
    });

    it("root's Homebrew service in the system domain, as root → launchctl kickstart -k system/LABEL: root never runs a brew (stand-in)", async () => {
      const { server, stubs, deps, service } = await launchdServer('homebrew.mxcl.nginx', 0, 0);
      expect(service).toMatchObject({ kind: 'homebrew', domain: 'system' });
      const result = await restartOf(server, deps);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.method).toBe('homebrew');
      expect(restartCalls(stubs)).toEqual([['launchctl', 'kickstart', '-k', 'system/homebrew.mxcl.nginx']]);
    });

    it("another user's Homebrew service, as root → launchctl kickstart -k in that user's domain, not root's brew (stand-in)", async () => {
      const { server, stubs, deps } = await launchdServer('homebrew.mxcl.redis', 501, 0);
      const result = await restartOf(server, deps);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.method).toBe('homebrew');
      expect(restartCalls(stubs)).toEqual([['launchctl', 'kickstart', '-k', 'gui/501/homebrew.mxcl.redis']]);
    });

    it('a system-domain job as a user is a permission error with the elevated command; nothing is sent (stand-in)', async () => {
      const { server, stubs, deps } = await launchdServer('com.example.daemon', 0, 501);
      const result = await restartOf(server, deps);
      expect(!result.ok && result.error.code).toBe('permission');
      if (result.ok) return;
      expect(result.error.message).toMatch(
        /launchd job com\.example\.daemon in launchd's system domain; only root can restart system jobs\. Run it with elevated rights: sudo portlens restart --pid \d+/,
      );
      expect(result.error.detail).toBe(`sudo portlens restart --pid ${server.pid}`);
      expect(restartCalls(stubs)).toEqual([]);
    });

    it("another user's Homebrew service as a user is a permission error (stand-in)", async () => {
      const { server, stubs, deps } = await launchdServer('homebrew.mxcl.redis', 502, 501);
      const result = await restartOf(server, deps);
      expect(!result.ok && result.error.code).toBe('permission');
      if (!result.ok)
        expect(result.error.message).toMatch(/Homebrew service redis of another user \(gui\/502\)/);
      expect(restartCalls(stubs)).toEqual([]);
    });

    it("logs names the job's `launchctl print` with the label shell-quoted (stand-in)", async () => {
      const { server, deps } = await launchdServer("com.example.o'brien;id", 501, 501);
      const logs = await locateLogs({ target: { kind: 'pid', pid: server.pid, startTime: null }, lines: 10 }, deps);
      if (!logs.ok) throw new Error(logs.error.message);
      expect(logs.value.source).toBe('none');
      expect(logs.value.reason).toContain("run `launchctl print 'gui/501/com.example.o'\\''brien;id'` to see them");
    });

    it('launchctl refusing the kickstart is a typed error: permission, or refused under System Integrity Protection (stand-in)', async () => {
      const { server, stubs, deps } = await launchdServer('com.example.api', 501, 501, { STUB_EXIT: '1' });
      setStubOutput(
        stubs,
        'launchctl',
        'Could not kickstart service: 1: Operation not permitted\n',
        'stderr',
      );
      const denied = await restartOf(server, deps);
      expect(!denied.ok && denied.error.code).toBe('permission');
      if (!denied.ok) expect(denied.error.detail).toContain('Operation not permitted');

      setStubOutput(
        stubs,
        'launchctl',
        'Could not kickstart service: 150: Operation not permitted while System Integrity Protection is engaged\n',
        'stderr',
      );
      const protectedJob = await restartOf(server, deps);
      expect(!protectedJob.ok && protectedJob.error.code).toBe('refused');
      if (!protectedJob.ok) expect(protectedJob.error.message).toMatch(/System Integrity Protection/);
      expect(restartCalls(stubs)).toEqual([
        ['launchctl', 'kickstart', '-k', 'gui/501/com.example.api'],
        ['launchctl', 'kickstart', '-k', 'gui/501/com.example.api'],
      ]);
    });
  },
);

describe(
  'the macOS seam: snapshot and reader name the service from the table (stand-in launchctl and brew)',
  {
    timeout: ACTION_TEST_TIMEOUT_MS,
  },
  () => {
    it('a server started by a Homebrew job process is named by both, and restarts through brew (stand-in)', async () => {
      const stubs = temp.make('portlens-stubs-');
      writeStubs(stubs, ['launchctl', 'brew']);
      const serverFile = join(stubs, 'server.mjs');
      writeFileSync(serverFile, `${CHILD_PRELUDE}${SERVER_SOURCE}`);
      // The job's process (as launchd starts it) runs the server as its child.
      const job = await children.node(`
import { spawn } from 'node:child_process';
const server = spawn(process.execPath, [${JSON.stringify(serverFile)}, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.once('data', (data) => report({ ...JSON.parse(String(data).split('\\n')[0]), serverPid: server.pid }));
setInterval(() => {}, 1000);
`);
      const { port, serverPid } = job.ready as { port: number; serverPid: number };
      adopted.add(serverPid);
      setStubOutput(stubs, 'launchctl', `PID\tStatus\tLabel\n${job.pid}\t0\thomebrew.mxcl.redis\n`);
      const base = testDeps(temp.make(), { selfUid: 501, commands: stubRunner(stubs) });
      const startedAt = base.processes.info(serverPid)?.startedAt ?? Date.now();
      await sleep(Math.max(0, startedAt + 1100 - Date.now()));

      const jobs = createLaunchdJobs({ commands: stubRunner(stubs), uid: 501 });
      const reader = withLaunchdServices(base.processes, jobs);
      const deps = {
        ...base,
        brews: [join(stubs, 'brew')],
        processes: reader,
        snapshot: () => launchdSnapshot(jobs),
      };
      const expected: ServiceManager = {
        kind: 'homebrew',
        formula: 'redis',
        label: 'homebrew.mxcl.redis',
        domain: 'gui/501',
      };
      expect((await deps.snapshot()).processes[String(serverPid)]?.service).toEqual(expected);
      expect(reader.info(serverPid)?.service).toEqual(expected);

      const preview = await previewRestart({ kind: 'port', port, address: null }, deps);
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value.command).toEqual([join(stubs, 'brew'), 'services', 'restart', 'redis']);
      const startTime = base.processes.stat(serverPid)?.startTime ?? 0;
      const result = await restart(
        { pid: serverPid, startTime, withoutEnvironment: false, timeoutMs: 5000 },
        deps,
      );
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toMatchObject({
        method: 'homebrew',
        oldPid: serverPid,
        newPid: serverPid,
        ports: [port],
      });
      expect(restartCalls(stubs)).toEqual([['brew', 'services', 'restart', 'redis']]);
    });
  },
);
