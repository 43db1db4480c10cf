import { describe, expect, it } from 'vitest';
import { SocketData } from '../store/socket-data';
import { makeProcess, makeRow, makeSnapshot } from '@contract/testing/factories';
import { compileFilter, DEFAULT_TOGGLES, rowUser, type FilterToggles } from './match-row';
import { parseFilter } from './parse-filter';

const node = makeProcess({ pid: 100, name: 'node', user: 'dev', uid: 1000 });
const nginx = makeProcess({ pid: 200, name: 'nginx', user: 'root', uid: 0 });
const rows = [
  makeRow({ id: 'web', localPort: 3000, pids: [100], ownerReason: null }),
  makeRow({
    id: 'conn',
    localPort: 51000,
    remoteAddress: '127.0.0.1',
    remotePort: 3000,
    state: 'ESTABLISHED',
    pids: [100],
    ownerReason: null,
  }),
  makeRow({
    id: 'nginx6',
    family: 6,
    localAddress: '::',
    localPort: 80,
    pids: [200],
    ownerReason: null,
    uid: 0,
    scope: 'all',
  }),
  makeRow({
    id: 'dns',
    protocol: 'udp',
    localAddress: '127.0.0.53',
    localPort: 53,
    state: 'UNCONN',
    uid: 101,
    ownerReason: 'permission',
  }),
  makeRow({
    id: 'tw',
    localPort: 3000,
    remoteAddress: '127.0.0.1',
    remotePort: 51001,
    state: 'TIME_WAIT',
    uid: null,
    inode: 0,
    ownerReason: 'no-inode',
  }),
];
const data = new SocketData();
data.applySnapshot(makeSnapshot(1, rows, [node, nginx]), 0);

function ids(text: string, toggles: FilterToggles = DEFAULT_TOGGLES): string[] {
  const predicate = compileFilter(parseFilter(text), toggles);
  return rows.filter((row) => !predicate || predicate(row, data)).map((row) => row.id);
}

describe('compileFilter', () => {
  it('is null when nothing filters', () => {
    expect(compileFilter(parseFilter(''), DEFAULT_TOGGLES)).toBeNull();
  });

  it('matches a port on either end', () => {
    expect(ids(':3000')).toEqual(['web', 'conn', 'tw']);
    expect(ids(':50000-51000')).toEqual(['conn']);
  });

  it('ORs terms of one kind and ANDs kinds', () => {
    expect(ids(':3000 :80')).toEqual(['web', 'conn', 'nginx6', 'tw']);
    expect(ids(':3000 state:listen')).toEqual(['web']);
    expect(ids('proc:node state:est')).toEqual(['conn']);
  });

  it('matches pid, process, user and uid', () => {
    expect(ids('pid:200')).toEqual(['nginx6']);
    expect(ids('proc:NGI')).toEqual(['nginx6']);
    expect(ids('user:root')).toEqual(['nginx6']);
    expect(ids('uid:101')).toEqual(['dns']);
  });

  it('free text searches addresses as shown, states, protocols and names', () => {
    expect(ids('[::]:80')).toEqual(['nginx6']);
    expect(ids('127.0.0.1:3000')).toEqual(['web', 'conn', 'tw']);
    expect(ids('time_wait')).toEqual(['tw']);
    expect(ids('udp')).toEqual(['dns']);
    expect(ids('node 51000')).toEqual(['conn']);
  });

  it('excludes negated terms', () => {
    expect(ids('-proc:node')).toEqual(['nginx6', 'dns', 'tw']);
    expect(ids(':3000 -state:time-wait')).toEqual(['web', 'conn']);
  });

  it('applies the toggles', () => {
    expect(ids('', { ...DEFAULT_TOGGLES, listeningOnly: true })).toEqual(['web', 'nginx6', 'dns']);
    expect(ids('', { ...DEFAULT_TOGGLES, tcp: false })).toEqual(['dns']);
    expect(ids('', { ...DEFAULT_TOGGLES, ipv4: false })).toEqual(['nginx6']);
    expect(ids('', { ...DEFAULT_TOGGLES, udp: false, ipv6: false, listeningOnly: true })).toEqual(['web']);
  });
});

describe('rowUser', () => {
  it('names the owner, else the uid via known processes, else the number', () => {
    expect(rowUser(rows[0]!, data)).toBe('dev');
    expect(rowUser(makeRow({ id: 'x', uid: 0 }), data)).toBe('root');
    expect(rowUser(rows[3]!, data)).toBe('uid 101');
    expect(rowUser(rows[4]!, data)).toBe('');
  });
});
