import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWindowsProcessReader } from '../../actions/windows-process-reader.js';
import { windowsProcessDetail } from '../../backend/windows-process-detail.js';
import { ALL_PROCESSES_SCRIPT, ONE_PROCESS_SCRIPT, PID_VARIABLE, powershellCommand } from './powershell.js';
import type { SyncRun, SyncRunner } from './run-sync.js';
import { ProcessToolError } from '../ps/process-tools.js';
import { parseTasklistServices } from './tasklist-services-parse.js';
import { powershell51, readCapture } from './test-fixtures.js';
import { parseWin32Processes, type WindowsProcess } from './win32-process-parse.js';
import { servicesOf, toProcessInfo, WindowsProcesses } from './windows-processes.js';

const NOTEPAD = readCapture('win32-process-windows-11-single.json.txt', '\r\n');
const TASKLIST = readCapture('tasklist-svc-windows-10.txt', '\r\n');
const TASKLIST_EXE = 'C:\\Windows\\System32\\tasklist.exe';
const ok = (stdout: string): SyncRun => ({ status: 0, stdout, stderr: '', error: null });

/** A stand-in for powershell.exe and tasklist.exe (which cannot run here): real captures by argv. */
function standIn(answers: { all?: string; one?: (pid: string | undefined) => string; tasklist?: string }): SyncRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const run: SyncRunner = (argv, env) => {
    calls.push([...argv]);
    const line = argv.join(' ');
    if (line === powershellCommand(ALL_PROCESSES_SCRIPT).join(' ') && answers.all !== undefined) return ok(answers.all);
    if (line === powershellCommand(ONE_PROCESS_SCRIPT).join(' ') && answers.one) return ok(answers.one(env?.[PID_VARIABLE]));
    if (argv[0] === TASKLIST_EXE && argv[1] === '/svc' && answers.tasklist !== undefined) return ok(answers.tasklist);
    return { status: 1, stdout: '', stderr: 'not answered by the stand-in', error: null };
  };
  return Object.assign(run, { calls });
}

describe('WindowsProcesses', () => {
  it('builds ProcessInfo from a real Win32_Process answer and real tasklist /svc (stand-in runner)', () => {
    const processes = new WindowsProcesses(standIn({ all: NOTEPAD, tasklist: TASKLIST }));
    processes.startPoll();
    expect(processes.get(16828)).toEqual({
      pid: 16828,
      startTime: 1790077571033,
      startedAt: 1790077571033,
      name: 'Notepad.exe',
      exe: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsNotepad_11.2607.14.0_x64__8wekyb3d8bbwe\\Notepad\\Notepad.exe',
      argv: ['C:\\Program Files\\WindowsApps\\Microsoft.WindowsNotepad_11.2607.14.0_x64__8wekyb3d8bbwe\\Notepad\\Notepad.exe'],
      cwd: null,
      uid: null,
      user: '',
      ppid: 20256,
      service: null,
    });
    expect(processes.get(616)).toBeNull();
    expect(processes.warnings).toEqual(['tasklist /svc line 25: not a process row: <SNIP>']);
  });

  it('is a Windows service only when the process hosts exactly one (real tasklist rows)', () => {
    const [notepad] = parseWin32Processes(NOTEPAD).processes;
    const { services } = parseTasklistServices(TASKLIST);
    if (!notepad) throw new Error('capture has no process');
    expect(toProcessInfo(notepad, services.get(1352))?.service).toEqual({ kind: 'windows-service', name: 'Schedule' });
    expect(toProcessInfo(notepad, services.get(984))?.service).toBeNull();
    expect(toProcessInfo({ ...notepad, createdAt: null }, undefined)).toBeNull();
  });

  it('gives a process the services tasklist listed under its pid only when tasklist saw the same program there (real captures)', () => {
    const [notepad] = parseWin32Processes(NOTEPAD).processes;
    if (!notepad) throw new Error('capture has no process');
    const tasklist = parseTasklistServices(TASKLIST);
    // pid 1352 hosted Schedule in svchost.exe; a Notepad that got pid 1352 in between does not.
    expect(servicesOf({ ...notepad, pid: 1352 }, tasklist)).toBeUndefined();
    expect(servicesOf({ ...notepad, pid: 1352, name: 'svchost.exe' }, tasklist)).toEqual(['Schedule']);
    expect(servicesOf({ ...notepad, pid: 1352, name: null }, tasklist)).toBeUndefined();
    // tasklist cuts image names to its 25-character column: the cut name is a prefix.
    const cut = { services: new Map([[7, ['Svc']]]), images: new Map([[7, 'AMDRSServiceWithAVeryLong']]) };
    expect(servicesOf({ ...notepad, pid: 7, name: 'AMDRSServiceWithAVeryLongName.exe' }, cut)).toEqual(['Svc']);
  });

  it('reads one process with the pid passed in the environment, never in the script (stand-in runner)', () => {
    const runner = standIn({ one: (pid) => (pid === '16828' ? NOTEPAD : ''), tasklist: TASKLIST });
    const processes = new WindowsProcesses(runner);
    expect(processes.readOne(16828, { services: true })?.startTime).toBe(1790077571033);
    expect(processes.readOne(4242, { services: false })).toBeNull();
    expect(runner.calls).toEqual([
      powershellCommand(ONE_PROCESS_SCRIPT),
      [TASKLIST_EXE, '/svc', '/FI', 'PID eq 16828'],
      powershellCommand(ONE_PROCESS_SCRIPT),
    ]);
    expect(ONE_PROCESS_SCRIPT).not.toMatch(/\d{3}/);
  });

  it('reports a failed PowerShell as a warning and shows no process (stand-in runner)', () => {
    const processes = new WindowsProcesses(standIn({ tasklist: TASKLIST }));
    expect(processes.get(16828)).toBeNull();
    expect(processes.warnings[0]).toMatch(/^powershell\.exe failed \(exit status 1: not answered by the stand-in\)$/);
  });

  it('throws ProcessToolError for the actions when PowerShell or tasklist fails or a row cannot be read: never "no such process" (stand-in runner)', () => {
    const noPowershell = new WindowsProcesses(standIn({ tasklist: TASKLIST }));
    expect(() => noPowershell.readOne(16828, { services: false })).toThrow(ProcessToolError);
    expect(() => noPowershell.readOne(16828, { services: false })).toThrow(/^powershell\.exe failed \(exit status 1: not answered by the stand-in\)$/);
    expect(() => noPowershell.descendants(16828)).toThrow(ProcessToolError);
    const noTasklist = new WindowsProcesses(standIn({ one: () => NOTEPAD }));
    expect(noTasklist.readOne(16828, { services: false })?.pid).toBe(16828);
    expect(() => noTasklist.readOne(16828, { services: true })).toThrow(/^tasklist\.exe failed/);
    const garbled = new WindowsProcesses(standIn({ one: () => '{"ProcessId": "x"}' }));
    expect(() => garbled.readOne(16828, { services: false })).toThrow(/^cannot read pid 16828: Win32_Process JSON item 1/);
    expect(() => new WindowsProcesses(standIn({ one: () => 'not json' })).readOne(16828, { services: false })).toThrow(ProcessToolError);
  });

  it('finds descendants by parent pid, not a process whose parent pid was reused (generated trees, stand-in runner)', () => {
    // Process i (pid 100 + i, created at 1000 + i) is a child of an earlier one; pid 900 names
    // pid 100 as its parent but was created before it: its real parent died and 100 was reused.
    const trees = fc.array(fc.nat(), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(trees, fc.nat(), (parents, pick) => {
        const parentOf = (i: number): number | null => (i === 0 ? null : (parents[i] ?? 0) % i);
        const rows: WindowsProcess[] = parents.map((_, i) => ({ pid: 100 + i, ppid: i === 0 ? 4 : 100 + (parentOf(i) ?? 0), name: 'n.exe', exe: null, commandLine: null, createdAt: 1000 + i }));
        rows.push({ pid: 900, ppid: 100, name: 'old.exe', exe: null, commandLine: null, createdAt: 999 });
        const root = pick % parents.length;
        const below = (i: number): boolean => {
          for (let at = parentOf(i); at !== null; at = parentOf(at)) if (at === root) return true;
          return false;
        };
        const expected = parents.map((_, i) => i).filter(below).map((i) => 100 + i);
        const found = new WindowsProcesses(standIn({ all: powershell51(rows), tasklist: '' })).descendants(100 + root);
        expect([...found].sort((a, b) => a - b)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createWindowsProcessReader', () => {
  it('answers stat and info from Windows, and "gone" without asking when the pid is dead (stand-in runner)', () => {
    const runner = standIn({ one: () => NOTEPAD, tasklist: TASKLIST });
    const reader = createWindowsProcessReader(new WindowsProcesses(runner), (pid) => pid === 16828);
    expect(reader.stat(16828)).toEqual({ pid: 16828, comm: 'Notepad.exe', state: 'R', ppid: 20256, startTime: 1790077571033 });
    expect(reader.stat(17)).toBeNull();
    expect(runner.calls).toHaveLength(1);
    expect(reader.info(16828)?.service).toBeNull();
    expect(reader.environ(16828)).toEqual({ ok: false, reason: 'permission' });
    expect([reader.isKernelThread(4, 0), reader.isKernelThread(16828, 20256)]).toEqual([true, false]);
  });
});

describe('createWindowsProcessReader: one table for a preview', () => {
  it('answers info about the children from the table descendants read just before; stat always asks afresh (stand-in runner, generated table)', () => {
    const rows: WindowsProcess[] = [
      { pid: 100, ppid: 4, name: 'node.exe', exe: null, commandLine: 'node server.js', createdAt: 1000 },
      { pid: 101, ppid: 100, name: 'node.exe', exe: null, commandLine: 'node worker.js', createdAt: 1001 },
      { pid: 102, ppid: 100, name: 'node.exe', exe: null, commandLine: 'node worker.js', createdAt: 1002 },
    ];
    const runner = standIn({ all: powershell51(rows), one: () => powershell51(rows.slice(1, 2)), tasklist: '' });
    let now = 0;
    const reader = createWindowsProcessReader(new WindowsProcesses(runner, () => now), () => true);
    expect(reader.descendants(100)).toEqual([101, 102]);
    const read = runner.calls.length;
    expect([reader.info(101)?.argv, reader.info(102)?.startTime]).toEqual([['node', 'worker.js'], 1002]);
    expect(runner.calls).toHaveLength(read);
    expect(reader.stat(101)?.startTime).toBe(1001);
    expect(runner.calls).toHaveLength(read + 1);
    now = 251;
    expect(reader.info(101)?.startTime).toBe(1001);
    expect(runner.calls.slice(read + 1).map((argv) => argv.at(-1) === ONE_PROCESS_SCRIPT || argv[1] === '/svc')).toEqual([true, true]);
  });
});

describe('windowsProcessDetail', () => {
  it('shows the process with no parent when the parent pid is gone, and no readable environment (stand-in runner)', () => {
    const runner = standIn({ one: (pid) => (pid === '16828' ? NOTEPAD : ''), tasklist: TASKLIST });
    const detail = windowsProcessDetail(16828, null, new WindowsProcesses(runner));
    expect(detail).toMatchObject({ process: { pid: 16828, name: 'Notepad.exe' }, parents: [], sockets: [], environmentReadable: false });
    expect(windowsProcessDetail(4242, null, new WindowsProcesses(runner))).toBeNull();
  });
});
