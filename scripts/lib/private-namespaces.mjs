// Runs a command in private network, PID and mount namespaces: a loopback-only network and a
// /proc that lists only the command and its descendants. A benchmark then sees its own sockets
// and processes and no one else's: on a shared machine other suites come and go with thousands
// of sockets and fds, and every tool here (ss -p, netstat -p, lsof, PortLens) pays for each
// socket it lists and each fd it reads in /proc. CPU contention is not isolated.
// Needs root (CAP_SYS_ADMIN), util-linux `unshare` and iproute2 `ip`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import process from 'node:process';

/** Set in the command's environment: it already runs inside the private namespaces. */
export const INSIDE_ENV = 'PORTLENS_BENCH_ISOLATED';
const UNSHARE_ARGS = ['--net', '--pid', '--fork', '--mount-proc', '--'];

/**
 * Null when private namespaces can be made here; otherwise why not.
 * @returns {string | null}
 */
export function namespacesUnavailable() {
  if (process.env[INSIDE_ENV] === '1') return 'already inside them';
  if (process.geteuid?.() !== 0) return 'not root';
  /** @type {[tool: string, args: string[]][]} */
  const probes = [
    ['unshare', ['--version']],
    ['ip', ['-V']],
  ];
  for (const [tool, args] of probes) {
    const probe = spawnSync(tool, args, { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) return `\`${tool}\` is not available`;
  }
  const trial = spawnSync('unshare', [...UNSHARE_ARGS, 'ip', 'link', 'set', 'lo', 'up'], {
    encoding: 'utf8',
  });
  if (trial.status !== 0) return `unshare failed: ${(trial.stderr ?? '').trim() || `exit ${trial.status}`}`;
  return null;
}

/**
 * Runs `command args` in new network (loopback up), PID and mount namespaces with stdio
 * inherited, forwarding SIGINT and SIGTERM to it. The command is PID 1 there: when it exits,
 * the kernel kills whatever it left behind. Resolves with an exit code for this process.
 * @param {string} command
 * @param {readonly string[]} args
 * @returns {Promise<number>}
 */
export function runInPrivateNamespaces(command, args) {
  const child = spawn(
    'unshare',
    [...UNSHARE_ARGS, '/bin/sh', '-c', 'ip link set lo up && exec "$@"', 'sh', command, ...args],
    {
      stdio: 'inherit',
      env: { ...process.env, [INSIDE_ENV]: '1' },
    },
  );
  // unshare --fork ignores SIGINT and SIGTERM while it waits: signal the namespace's PID 1.
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    const inner = childPidOf(child.pid);
    if (inner !== null) process.kill(inner, signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`unshare failed: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : 15));
    });
  });
}

/**
 * The (single) child of `pid`: unshare --fork's child, PID 1 of the new namespace.
 * @param {number | undefined} pid
 * @returns {number | null}
 */
function childPidOf(pid) {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0];
    if (first) return Number(first);
  } catch {
    // No CONFIG_PROC_CHILDREN: find it by parent pid below.
  }
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(name);
    } catch {
      // Exited while we looked.
    }
  }
  return null;
}
