/**
 * Stub executables for what cannot run here (systemd, Docker, pm2, launchd, Homebrew): shell
 * scripts put first on PATH that record their argv (one invocation per line, tab-separated) and
 * print a line, or what the test wrote with `setStubOutput`.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceManager, Snapshot } from '../../model.js';
import type { ActionDeps } from '../deps.js';
import { createCommandRunner } from '../run-command.js';

/** The stubbed programs. */
export const STUBBED = ['systemctl', 'journalctl', 'docker', 'pm2', 'launchctl', 'brew'] as const;

/**
 * Writes the stubs into `dir`. Each appends `name<TAB>arg1<TAB>...` to `dir/calls.log`, prints
 * `<name> stub output: <args>` (or the file `dir/<name>.stdout`) and a second line on stderr (or
 * `dir/<name>.stderr`), and exits with $STUB_EXIT (0).
 */
export function writeStubs(dir: string, programs: readonly string[] = STUBBED): void {
  for (const name of programs) {
    const file = join(dir, name);
    writeFileSync(
      file,
      `#!/bin/sh
{ printf '%s' '${name}'; for arg in "$@"; do printf '\\t%s' "$arg"; done; printf '\\n'; } >> '${join(dir, 'calls.log')}'
if [ -f '${join(dir, `${name}.stdout`)}' ]; then cat '${join(dir, `${name}.stdout`)}'; else echo "${name} stub output: $*"; fi
if [ -f '${join(dir, `${name}.stderr`)}' ]; then cat '${join(dir, `${name}.stderr`)}' >&2; else echo "${name} stub diagnostics" >&2; fi
exit "\${STUB_EXIT:-0}"
`,
    );
    chmodSync(file, 0o755);
  }
}

/** Makes the stub `name` in `dir` print `text` on stdout (or stderr) instead of its default line. */
export function setStubOutput(dir: string, name: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  writeFileSync(join(dir, `${name}.${stream}`), text);
}

/** The recorded invocations, each as argv (program name first). */
export function stubCalls(dir: string): string[][] {
  const file = join(dir, 'calls.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

/** A command runner whose PATH starts with the stub directory. */
export function stubRunner(dir: string, extraEnv: Record<string, string> = {}): ActionDeps['commands'] {
  return createCommandRunner({ ...process.env, ...extraEnv, PATH: `${dir}:${process.env.PATH ?? ''}` });
}

/**
 * Deps in which the real process `pid` is managed by `service` (what /proc would say inside
 * a unit or container): the snapshot's and the reader's ProcessInfo carry it.
 */
export function withService(deps: ActionDeps, pid: number, service: ServiceManager): ActionDeps {
  const patch = (snapshot: Snapshot): Snapshot => {
    const info = snapshot.processes[String(pid)];
    return info
      ? { ...snapshot, processes: { ...snapshot.processes, [String(pid)]: { ...info, service } } }
      : snapshot;
  };
  const reader = deps.processes;
  return {
    ...deps,
    snapshot: async () => patch(await deps.snapshot()),
    processes: {
      ...reader,
      info: (id) => {
        const info = reader.info(id);
        return info && id === pid ? { ...info, service } : info;
      },
    },
  };
}
