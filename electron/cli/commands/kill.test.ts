import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { KillResult } from '../../contract/api.js';
import { Children } from '../../core/owners/test-support/children.js';
import { isRunning, startServer, TempDirs } from '../../core/actions/test-support/servers.js';
import { ACTION_TEST_TIMEOUT_MS, testDeps } from '../../core/actions/test-support/test-deps.js';
import { testIo } from '../../core/actions/test-support/test-io.js';
import { runCli } from '../run-cli.js';
import { makeKillCommand } from './kill.js';
import { withoutTools } from '../../test-support/system-tools.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const children = new Children();
const temp = new TempDirs();
afterEach(async () => {
  await children.stopAll();
  temp.removeAll();
});

describe('portlens kill (CLI, real processes)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('without a terminal and without --yes refuses and kills nothing', async () => {
    const server = await startServer(children);
    const io = testIo();
    const code = await makeKillCommand(() => testDeps(temp.make()))([String(server.port)], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/not a terminal.*pass --yes/);
    expect(io.out()).toContain(`pid ${server.pid}`);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });

  it('on a terminal asks, and "n" kills nothing while "y" kills', async () => {
    const server = await startServer(children);
    const command = makeKillCommand(() => testDeps(temp.make()));
    const no = testIo({ interactive: true, input: 'n\n' });
    expect(await command([String(server.port)], no)).toBe(1);
    expect(no.err()).toMatch(/\[y\/N\]/);
    expect(isRunning(server.pid, server.startTime)).toBe(true);

    const yes = testIo({ interactive: true, input: 'y\n' });
    expect(await command([`127.0.0.1:${server.port}`], yes)).toBe(0);
    expect(yes.out()).toContain(`Ended node (${server.pid}) by SIGTERM.`);
    expect(yes.out()).toContain(`Port ${server.port} is free.`);
    expect(isRunning(server.pid, server.startTime)).toBe(false);
  });

  it('--json prints one KillResult (the contract schema)', async () => {
    const server = await startServer(children);
    const io = testIo();
    const code = await makeKillCommand(() => testDeps(temp.make()))(
      ['--pid', String(server.pid), '--yes', '--json', '--timeout', '2000'],
      io,
    );
    expect(code).toBe(0);
    const parsed = KillResult.safeParse(JSON.parse(io.out()));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.freedPorts).toEqual([server.port]);
    expect(parsed.data?.outcomes).toEqual([{ pid: server.pid, name: 'node', endedBy: 'SIGTERM' }]);
  });

  it('--json prints a contract error for a port nobody holds', async () => {
    const server = await startServer(children);
    const port = server.port;
    await children.stop(server);
    const io = testIo();
    expect(await makeKillCommand(() => testDeps(temp.make()))([String(port), '--yes', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out())).toEqual({
      error: { code: 'not-found', message: `nothing listens on port ${port}`, detail: null },
    });
  });

  it.each([
    [['kill']],
    [['kill', '--bogus', '3000']],
    [['kill', '3000', '--pid', '12']],
    [['kill', '70000']],
    [['kill', '3000', '4000']],
    [['kill', 'localhost']],
    [['kill', '--pid', 'abc']],
    [['kill', '3000', '--timeout', '5']],
  ])('bad arguments %j exit 2 with usage', async (argv) => {
    const io = testIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toMatch(/Usage:/);
  });
});

describe('portlens kill address:PORT against a real 0.0.0.0 listener', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it('refuses host names and non-addresses (exit 2), selects only by its own family, and 127.0.0.1 still kills it', async () => {
    const child = await children.node(
      `import net from 'node:net';
       const server = net.createServer(() => {});
       server.listen(0, '0.0.0.0', () => report({ port: server.address().port }));`,
    );
    const port = child.ready.port as number;
    const command = makeKillCommand(() => testDeps(temp.make()));

    for (const [text, message] of [
      [`no.such.host:${port}`, '"no.such.host" is not an address: host names are not resolved'],
      [`[zz]:${port}`, '"zz" is not an address'],
      [`NO.SUCH.HOST:${port}`, '"NO.SUCH.HOST" is not an address: host names are not resolved'],
      [`1.2.3:${port}`, '"1.2.3" is not an address'],
      [`::1:${port}`, 'write an IPv6 address in brackets'],
    ]) {
      const io = testIo();
      expect(await runCli(['kill', text as string, '--yes'], io), text).toBe(2);
      expect(io.err()).toContain(`portlens kill: ${message}`);
      expect(io.err()).toContain('Usage:');
      expect(io.out()).toBe('');
      expect(isRunning(child.pid, child.startTime)).toBe(true);
    }

    // A 0.0.0.0 socket takes no IPv6 traffic: [::1] and [::] select nothing.
    for (const text of [`[::1]:${port}`, `[::]:${port}`]) {
      const io = testIo();
      expect(await command([text, '--yes'], io), text).toBe(1);
      expect(io.err()).toContain(`portlens: nothing listens on ${text}`);
      expect(isRunning(child.pid, child.startTime)).toBe(true);
    }

    // localhost selects it (its 127.0.0.1 half); without --yes and a terminal nothing is killed.
    const dry = testIo();
    expect(await command([`localhost:${port}`], dry)).toBe(1);
    expect(dry.out()).toContain(`pid ${child.pid}`);
    expect(dry.err()).toMatch(/not a terminal.*pass --yes/);
    expect(isRunning(child.pid, child.startTime)).toBe(true);

    const io = testIo();
    expect(await command([`127.0.0.1:${port}`, '--yes'], io)).toBe(0);
    expect(io.out()).toContain(`Ended node (${child.pid}) by SIGTERM.`);
    expect(isRunning(child.pid, child.startTime)).toBe(false);
  });
});

describe.skipIf(withoutTools('setpriv'))('portlens kill as user nobody (setpriv, real EPERM)', { timeout: ACTION_TEST_TIMEOUT_MS }, () => {
  it("against root's process: names the owner and the sudo command, exit 1, and the process lives", async () => {
    const server = await startServer(children);
    const dir = temp.make('portlens-nobody-');
    chmodSync(dir, 0o755);
    const bundle = await bundleCli(dir);
    const result = await runAsNobody(bundle, ['kill', '--pid', String(server.pid), '--yes'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `permission denied: pid ${server.pid} (node) belongs to user root, and PortLens runs as nobody.`,
    );
    expect(result.stderr).toContain(`sudo portlens kill --pid ${server.pid}`);
    expect(isRunning(server.pid, server.startTime)).toBe(true);

    // Restart: the unreadable environment needs its own consent before anything else happens...
    const restartResult = await runAsNobody(bundle, ['restart', '--pid', String(server.pid), '--yes'], dir);
    expect(restartResult.code).toBe(1);
    expect(restartResult.stdout).toContain("with PortLens's environment (its own cannot be read)");
    expect(restartResult.stderr).toMatch(/pass --without-environment/);
    // ...and with it, the missing permission is reported the same way.
    const consented = await runAsNobody(
      bundle,
      ['restart', '--pid', String(server.pid), '--yes', '--without-environment'],
      dir,
    );
    expect(consented.code).toBe(1);
    expect(consented.stderr).toContain(`sudo portlens restart --pid ${server.pid}`);
    expect(isRunning(server.pid, server.startTime)).toBe(true);
  });
});

/** Bundles the kill and restart commands into one world-readable .mjs (nobody cannot read /root). */
async function bundleCli(dir: string): Promise<string> {
  const outfile = join(dir, 'portlens-cli.mjs');
  await build({
    stdin: {
      contents: `
        import { killCommand } from './electron/cli/commands/kill.ts';
        import { restartCommand } from './electron/cli/commands/restart.ts';
        const [name, ...args] = process.argv.slice(2);
        const command = name === 'restart' ? restartCommand : killCommand;
        const code = await command(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, interactive: false });
        process.stdout.write('', () => process.exit(code));
      `,
      resolveDir: ROOT,
      sourcefile: 'nobody-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['koffi'],
    banner: {
      js: "import { createRequire as __plCreateRequire } from 'node:module'; const require = __plCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o644);
  // koffi is a native module outside the bundle: make it resolvable, so the pidfd path runs.
  mkdirSync(join(dir, 'node_modules'), { mode: 0o755 });
  symlinkSync(join(ROOT, 'node_modules', 'koffi'), join(dir, 'node_modules', 'koffi'));
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  return outfile;
}

function runAsNobody(
  bundle: string,
  args: string[],
  dir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, bundle, ...args],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, PORTLENS_DATA_DIR: join(dir, 'data') },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}
