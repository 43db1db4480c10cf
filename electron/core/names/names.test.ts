/**
 * Names for addresses: labels without lookups, the services database, and reverse DNS against
 * a real DNS server on loopback (a small UDP responder written here, answering PTR queries
 * after a delay), which shows a lookup never blocks `peek`, runs once per address, and is
 * cached.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLabel } from './address-labels.js';
import { ReverseDns } from './reverse-dns.js';
import { parseServices, serviceName, systemServices } from './services.js';

describe('addressLabel', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:10.1.2.3', 'private network'],
    ['172.31.255.255', 'private network'],
    ['172.32.0.1', null],
    ['192.168.1.1', 'private network'],
    ['100.64.0.1', 'shared address space (CGNAT)'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private network'],
    ['ff02::1', 'multicast'],
    ['8.8.8.8', null],
    ['2001:4860:4860::8888', null],
  ])('%s → %s', (address, label) => expect(addressLabel(address)).toBe(label));
});

describe('services database', () => {
  it('reads names by port and protocol, first name wins, comments ignored', () => {
    const table = parseServices('# c\nhttp\t80/tcp www # web\nhttp\t80/udp\nwww-alt 80/tcp\npostgresql 5432/tcp postgres\n');
    expect(serviceName(80, 'tcp', table)).toBe('http');
    expect(serviceName(5432, 'tcp', table)).toBe('postgresql');
    expect(serviceName(5432, 'udp', table)).toBe(null);
  });

  it.skipIf(systemServices().size === 0)('finds ssh in this machine\'s /etc/services', () => {
    expect(serviceName(22, 'tcp')).toBe('ssh');
  });
});

/** A DNS server on 127.0.0.1 that answers PTR queries for 203.0.113.7 with `host.example.`. */
let server: Socket;
let serverPort: number;
let queries = 0;
beforeAll(async () => {
  server = createSocket('udp4');
  server.on('message', (query, peer) => {
    queries++;
    // Header: same id, QR + RD + RA, one question, one answer if we know the name.
    const questionEnd = 12 + query.subarray(12).indexOf(0) + 1 + 4;
    const question = query.subarray(12, questionEnd);
    const known = question.toString('latin1').includes('7\x03113\x010\x03203');
    const name = Buffer.from('\x04host\x07example\x00', 'latin1');
    const answer = Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 12, 0, 1, 0, 0, 0x0e, 0x10, 0, name.length]), name]);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2); // NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(known ? 1 : 0, 6);
    setTimeout(() => server.send(Buffer.concat([header, question, known ? answer : Buffer.alloc(0)]), peer.port, peer.address), 150);
  });
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  serverPort = server.address().port;
});
afterAll(() => server.close());

describe('ReverseDns against a real DNS server', () => {
  it('peek never waits: pending first, the name once resolved, from the cache after', async () => {
    let now = 1_000_000;
    const dns = new ReverseDns({ servers: [`127.0.0.1:${serverPort}`], now: () => now, ttlMs: 60_000 });
    const resolved = new Promise<unknown>((resolve) => dns.onResolved(resolve));
    const started = performance.now();
    expect(dns.peek('203.0.113.7')).toEqual({ kind: 'pending' });
    expect(dns.peek('203.0.113.7')).toEqual({ kind: 'pending' });
    expect(performance.now() - started).toBeLessThan(50); // the server answers after 150 ms
    expect(await resolved).toEqual({ address: '203.0.113.7', name: 'host.example' });
    const before = queries;
    expect(dns.peek('203.0.113.7')).toEqual({ kind: 'name', text: 'host.example' });
    expect(queries).toBe(before); // one query for both peeks, none for the cached answer
    now += 61_000; // past the TTL: looked up again
    expect(dns.peek('203.0.113.7')).toEqual({ kind: 'pending' });
    dns.dispose();
  });

  it('a name the server does not know is "none"; private addresses are labelled with no query', async () => {
    const dns = new ReverseDns({ servers: [`127.0.0.1:${serverPort}`] });
    expect(await dns.resolve('203.0.113.8')).toBe(null);
    expect(dns.peek('203.0.113.8')).toEqual({ kind: 'none' });
    const before = queries;
    expect(dns.peek('192.168.0.10')).toEqual({ kind: 'label', text: 'private network' });
    expect(await dns.resolve('10.0.0.1')).toBe(null);
    expect(queries).toBe(before);
    dns.dispose();
  });
});
