// How the ps read copes with what the live tests cannot make happen on demand: a pid reused
// between its two ps calls, an unreadable line, a tool that cannot run. The tools' answers are
// real ps output here, altered by a stand-in runner where the case needs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, startChild, stopAllChildren, tcpListenerScript } from '../../../test-support/children.js';
import { withoutTools } from '../../../test-support/system-tools.js';
import { createPsReader } from '../../actions/ps-process-reader.js';
import { ProcessToolError, type ToolAnswer, type ToolCall, runToolAsync, runToolSync } from './process-tools.js';
import { PsProcessTable } from './ps-process-table.js';
import { readProcesses, runPlan } from './ps-read.js';

const noTools = withoutTools('ps', 'lsof', 'id');

/** Whether `call` is the command-line ps call (the second one, after lsof). */
const isCommandCall = (call: ToolCall): boolean => call.command === 'ps' && call.args.some((arg) => arg.includes('args='));

/** Changes the second of every lstart in a ps answer: the same pid, another process. */
function anotherStart(answer: ToolAnswer): ToolAnswer {
  const next = (_: string, hm: string, s: string): string => `${hm}:${String((Number(s) + 1) % 60).padStart(2, '0')} `;
  return { ...answer, stdout: answer.stdout.replace(/(\d\d:\d\d):(\d\d) /g, next) };
}

describe.skipIf(noTools)('ps read: reused pids, bad lines, missing tools (stand-in runners over real ps)', () => {
  let child: Child;
  beforeAll(async () => {
    child = await startChild(tcpListenerScript('127.0.0.1'));
  });
  afterAll(stopAllChildren);

  it('a pid whose start differs between the two ps calls is read again, and known once they agree', () => {
    let commandCalls = 0;
    const run = (call: ToolCall): ToolAnswer => {
      const answer = runToolSync(call);
      return isCommandCall(call) && ++commandCalls === 1 ? anotherStart(answer) : answer;
    };
    const read = runPlan(readProcesses([child.pid], { users: new Map() }), run);
    expect(commandCalls).toBe(2);
    expect(read.infos.get(child.pid)?.pid).toBe(child.pid);
    expect(read.identities.get(child.pid)?.startSeconds).toBe(read.infos.get(child.pid)?.startTime);
  });

  it('a pid reused on every read is left unknown (no info, no identity), like a process that ended', () => {
    const run = (call: ToolCall): ToolAnswer => (isCommandCall(call) ? anotherStart(runToolSync(call)) : runToolSync(call));
    const read = runPlan(readProcesses([child.pid, process.pid], { users: new Map() }), run);
    expect(read.infos.size).toBe(0);
    expect(read.identities.size).toBe(0);
  });

  it('an unreadable ps line becomes a snapshot warning; the other processes are still read', async () => {
    const run = async (call: ToolCall): Promise<ToolAnswer> => {
      const answer = await runToolAsync(call);
      return call.command === 'ps' ? { ...answer, stdout: `${answer.stdout}  12x not a ps line\n` } : answer;
    };
    const table = new PsProcessTable({ run });
    await table.prepare(new Set([child.pid]));
    expect(table.get(child.pid)?.pid).toBe(child.pid);
    expect(table.lastWarnings).toContainEqual(expect.stringMatching(/^ps -o pid=,ppid=,rgid=,state=,lstart=,comm= line 2: pid is not an id/));
  });

  it('a tool that cannot run: the table warns and knows nothing this poll; the reader throws, never says "gone"', async () => {
    const missing = (call: ToolCall) => ({ ...call, command: 'portlens-no-such-ps' }) as unknown as ToolCall;
    const table = new PsProcessTable({ run: (call) => runToolAsync(missing(call)) });
    await table.prepare(new Set([child.pid]));
    expect(table.get(child.pid)).toBeNull();
    expect(table.lastWarnings).toEqual([expect.stringMatching(/^process details unavailable this poll: cannot run portlens-no-such-ps .*ENOENT/)]);
    const reader = createPsReader((call) => runToolSync(missing(call)));
    expect(() => reader.stat(child.pid)).toThrow(ProcessToolError);
  });

  it('ignores a row for a pid not in the batch, and warns and reads neither row of a pid printed twice', () => {
    // Both ps calls also answer for this test process (not asked for), and print the child twice.
    const run = (call: ToolCall): ToolAnswer => {
      if (call.command !== 'ps') return runToolSync(call);
      const self = runToolSync({ ...call, args: call.args.map((arg) => (arg === String(child.pid) ? String(process.pid) : arg)) });
      const answer = runToolSync(call);
      return { ...answer, stdout: `${self.stdout}${answer.stdout}` };
    };
    const read = runPlan(readProcesses([child.pid], { users: new Map() }), run);
    expect(read.infos.get(child.pid)?.pid).toBe(child.pid);
    expect(read.identities.has(process.pid)).toBe(false);
    expect(read.infos.has(process.pid)).toBe(false);
    expect(read.warnings).toEqual([]);

    const twice = (call: ToolCall): ToolAnswer => {
      const answer = runToolSync(call);
      return call.command === 'ps' && isCommandCall(call) ? { ...answer, stdout: `${answer.stdout}${answer.stdout}` } : answer;
    };
    const doubled = runPlan(readProcesses([child.pid], { users: new Map() }), twice);
    expect(doubled.infos.has(child.pid)).toBe(false);
    expect(doubled.warnings).toEqual([`ps command line: pid ${child.pid} printed 2 times; not read`]);
  });
});
