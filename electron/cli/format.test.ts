import { describe, expect, it } from 'vitest';
import type { ProcessInfo, SocketRow } from '../contract/model.js';
import { jsonRows } from './format.js';

describe('jsonRows', () => {
  it('is exactly the rows with their first owner as `process`, as JSON', () => {
    const info = { pid: 7, startTime: 1, startedAt: 2, name: 'n', exe: null, argv: ['a "q"'], cwd: null, uid: 0, user: 'root', ppid: 1, service: null } satisfies ProcessInfo;
    const base = { protocol: 'tcp', family: 4, localAddress: '127.0.0.1', localPort: 1, remoteAddress: null, remotePort: null, state: 'LISTEN', ownerReason: null, inode: 1, uid: 0, scope: 'loopback', bytesSent: null, bytesReceived: null, sendRate: null, receiveRate: null, firstSeen: 0 } as const;
    const rows: SocketRow[] = [
      { ...base, id: 'a', pids: [7] },
      { ...base, id: 'b', pids: [] },
      { ...base, id: 'c', pids: [7, 9] },
      { ...base, id: 'd', pids: [9] },
    ];
    const parsed = JSON.parse(jsonRows(rows, { 7: info }));
    expect(parsed).toEqual([
      { ...rows[0], process: info },
      { ...rows[1], process: null },
      { ...rows[2], process: info },
      { ...rows[3], process: null },
    ]);
    expect(JSON.parse(jsonRows([], {}))).toEqual([]);
  });
});
