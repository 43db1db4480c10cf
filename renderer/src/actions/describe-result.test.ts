import { describe, expect, it } from 'vitest';
import { makeProcess, makeRow } from '@contract/testing/factories';
import { describeTarget, processTarget, rowTarget } from './action-target';
import { describeError, describeKill, describeRestart } from './describe-result';

describe('describeKill', () => {
  it('names the process, the signal and the freed ports', () => {
    const toast = describeKill({
      outcomes: [{ pid: 42, name: 'node', endedBy: 'SIGTERM' }],
      freedPorts: [3000, 3001],
      stillBound: [],
      elapsedMs: 400,
    });
    expect(toast).toMatchObject({ kind: 'success', title: 'Killed node (pid 42)' });
    expect(toast.body).toBe('Ended by SIGTERM. Freed :3000, :3001. Took 0.4 s.');
  });

  it('warns about ports still bound and explains SIGKILL', () => {
    const toast = describeKill({
      outcomes: [{ pid: 7, name: 'stubborn', endedBy: 'SIGKILL' }],
      freedPorts: [],
      stillBound: [80],
      elapsedMs: 3200,
    });
    expect(toast.kind).toBe('warning');
    expect(toast.body).toContain('did not stop on SIGTERM');
    expect(toast.body).toContain('Still bound: :80');
  });

  it('counts several processes and says when one was already gone', () => {
    const toast = describeKill({
      outcomes: [
        { pid: 1, name: 'a', endedBy: 'SIGTERM' },
        { pid: 2, name: 'b', endedBy: null },
      ],
      freedPorts: [],
      stillBound: [],
      elapsedMs: 10,
    });
    expect(toast.title).toBe('Killed 1 of 2 processes');
    expect(
      describeKill({
        outcomes: [{ pid: 2, name: 'b', endedBy: null }],
        freedPorts: [],
        stillBound: [],
        elapsedMs: 1,
      }).title,
    ).toBe('Already gone: b (pid 2)');
  });
});

describe('describeRestart / describeError', () => {
  it('reports the new pid, the ports and the log file', () => {
    const toast = describeRestart(
      { method: 'process', oldPid: 10, newPid: 11, ports: [8080], logFile: '/tmp/x.log', elapsedMs: 1234 },
      'node',
    );
    expect(toast).toMatchObject({
      kind: 'success',
      title: 'Restarted node',
      body: 'pid 10 → 11. Listening again on :8080. Via process, in 1.2 s.',
      detail: 'Output is logged to /tmp/x.log',
    });
  });

  it('carries the error message and detail', () => {
    expect(
      describeError('Kill', {
        code: 'permission',
        message: 'not allowed',
        detail: 'sudo portlens kill --pid 1',
      }),
    ).toEqual({
      kind: 'error',
      title: 'Kill failed',
      body: 'not allowed',
      detail: 'sudo portlens kill --pid 1',
    });
  });
});

describe('action targets', () => {
  const owners = {
    process: (pid: number) => (pid === 5 ? makeProcess({ pid: 5, startTime: 77, name: 'api' }) : undefined),
  };
  it('targets a sole owner by pid and start time, else the port', () => {
    expect(rowTarget(makeRow({ id: 'a', pids: [5] }), owners)).toEqual({
      kind: 'pid',
      pid: 5,
      startTime: 77,
    });
    expect(rowTarget(makeRow({ id: 'b', pids: [6] }), owners)).toEqual({
      kind: 'pid',
      pid: 6,
      startTime: null,
    });
    expect(rowTarget(makeRow({ id: 'c', pids: [5, 6], localPort: 80 }), owners)).toEqual({
      kind: 'port',
      port: 80,
      address: '127.0.0.1',
    });
    expect(rowTarget(makeRow({ id: 'd', localPort: 0 }), owners)).toBeNull();
    expect(processTarget({ pid: 9, startTime: 3 })).toEqual({ kind: 'pid', pid: 9, startTime: 3 });
    expect(describeTarget({ kind: 'pid', pid: 5, startTime: 77 }, owners)).toBe('api (pid 5)');
    expect(describeTarget({ kind: 'port', port: 80, address: null }, owners)).toBe('port 80');
  });

  it('targets nothing the kernel owns (a TIME-WAIT row keeps its last owner as history) or cannot show', () => {
    expect(rowTarget(makeRow({ id: 'tw', state: 'TIME_WAIT', inode: 0, pids: [5] }), owners)).toBeNull();
    expect(rowTarget(makeRow({ id: 'ns', pids: [], ownerReason: 'unreadable', localPort: 80 }), owners)).toBeNull();
    expect(rowTarget(makeRow({ id: 'perm', pids: [], ownerReason: 'permission', localPort: 80 }), owners)).toBeNull();
  });
});
