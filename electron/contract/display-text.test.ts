import { describe, expect, it } from 'vitest';
import { makeRow } from './testing/factories.js';
import {
  formatBytes,
  formatCommand,
  formatDateTime,
  ownerText,
  protocolName,
  serviceManagerText,
  stateName,
} from './display-text.js';
import { ownerState } from './row-fields.js';

describe('display text (the CLI and the app say it the same way)', () => {
  it('names states as ss does and protocols as the table does', () => {
    expect(stateName('TIME_WAIT')).toBe('TIME-WAIT');
    expect(stateName('FIN_WAIT1')).toBe('FIN-WAIT-1');
    expect(stateName('NEW_SYN_RECV')).toBe('NEW-SYN-RECV');
    expect(stateName('LISTEN')).toBe('LISTEN');
    expect(protocolName({ protocol: 'tcp', family: 6 })).toBe('TCP v6');
  });

  it('names each service manager kind with its own word and the handle its restart uses', () => {
    expect(serviceManagerText({ kind: 'systemd', unit: 'nginx.service', scope: 'system', uid: null })).toBe(
      'systemd unit nginx.service',
    );
    expect(serviceManagerText({ kind: 'pm2', id: '3', name: null })).toBe('pm2 app id 3');
    expect(serviceManagerText({ kind: 'launchd', label: 'com.example.agent', domain: 'gui/501' })).toBe(
      'launchd job com.example.agent (gui/501)',
    );
    expect(
      serviceManagerText({ kind: 'homebrew', formula: 'postgresql@16', label: 'homebrew.mxcl.postgresql@16', domain: 'system' }),
    ).toBe('Homebrew service postgresql@16 (launchd job homebrew.mxcl.postgresql@16, system)');
  });

  it('writes binary multiples with IEC units', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
  });

  it('writes local dates as YYYY-MM-DD HH:MM:SS', () => {
    const at = new Date(2026, 11, 5, 9, 3, 7).getTime();
    expect(formatDateTime(at)).toBe('2026-12-05 09:03:07');
  });

  it('shows a multi-line argv on one line with escapes that paste back as the same argv', () => {
    expect(formatCommand(['python3', '-c', 'import time\nprint(1)'])).toBe(`python3 -c $'import time\\nprint(1)'`);
    expect(formatCommand(['sh', '-c', "it's\t\x1b"])).toBe(`sh -c $'it\\'s\\t\\e'`);
    expect(formatCommand(['a', "b'c"])).toBe(`a 'b'\\''c'`);
  });

  it('derives who owns a socket, and says it in one wording', () => {
    const names = { name: (pid: number) => (pid === 30848 ? 'python3' : undefined), running: () => false };
    const timeWait = makeRow({ id: 'tw', state: 'TIME_WAIT', inode: 0, pids: [30848] });
    expect(ownerState(timeWait)).toBe('history');
    expect(ownerText(timeWait, names)).toBe('was python3 (30848), exited');
    expect(ownerText(timeWait, { ...names, running: () => true })).toBe('was python3 (30848)');
    const kernel = makeRow({ id: 'k', state: 'TIME_WAIT', inode: 0, pids: [], ownerReason: 'no-inode' });
    expect([ownerState(kernel), ownerText(kernel, names)]).toEqual(['kernel', '(kernel)']);
    const hidden = makeRow({ id: 'h', pids: [], ownerReason: 'unreadable' });
    expect([ownerState(hidden), ownerText(hidden, names)]).toEqual(['hidden', '? (not visible)']);
    const live = makeRow({ id: 'l', pids: [30848] });
    expect([ownerState(live), ownerText(live, names)]).toEqual(['live', 'python3 (30848)']);
    // macOS and Windows have no inodes: lsof's or netstat's holder of a listener is live there.
    const noInodes = makeRow({ id: 'm', state: 'LISTEN', inode: 0, pids: [30848] });
    expect([ownerState(noInodes), ownerText(noInodes, names)]).toEqual(['live', 'python3 (30848)']);
    expect(ownerState(makeRow({ id: 'e', state: 'ESTABLISHED', inode: 0, pids: [30848] }))).toBe('live');
    expect(ownerState(makeRow({ id: 'f', state: 'FIN_WAIT2', inode: 0, pids: [30848] }))).toBe('history');
  });
});
