import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PortNotification } from '../../contract/api.js';
import type { PortEvent } from '../../contract/model.js';
import { LISTED_PORTS, notificationFor } from './notification-for.js';
import { makeEvent, makeProcess } from '../../contract/testing/factories.js';

const on = DEFAULT_SETTINGS.notifications;
const vite = makeEvent({ localAddress: '127.0.0.1', localPort: 5173, rowId: 'vite' });

describe('notificationFor', () => {
  it('names the process and the address of one opened port', () => {
    const notification = notificationFor([vite], on, false);
    expect(notification).toMatchObject({
      title: 'node opened 127.0.0.1:5173',
      rowIds: ['vite'],
      time: vite.time,
    });
    expect(notification?.body).toContain('pid 4242 · node');
    expect(notification?.body).toContain('this machine only');
  });

  it('brackets an IPv6 address in the title', () => {
    const notification = notificationFor([makeEvent({ localAddress: '::1', localPort: 8080 })], on, false);
    expect(notification?.title).toBe('node opened [::1]:8080');
  });

  it('makes one notification of several ports opened in one tick', () => {
    const events = [
      vite,
      makeEvent({
        localAddress: '0.0.0.0',
        localPort: 8000,
        process: makeProcess({ pid: 31, name: 'python3' }),
        rowId: 'py',
      }),
      makeEvent({ localAddress: '::', localPort: 22, process: null, pids: [], rowId: 'ssh' }),
    ];
    const notification = notificationFor(events, on, false);
    expect(notification?.title).toBe('3 ports opened');
    expect(notification?.body).toBe('node 127.0.0.1:5173, python3 0.0.0.0:8000, unknown process [::]:22');
    expect(notification?.rowIds).toEqual(['vite', 'py', 'ssh']);
  });

  it('names a single owner of several ports once', () => {
    const notification = notificationFor(
      [vite, makeEvent({ localAddress: '127.0.0.1', localPort: 24678, rowId: 'hmr' })],
      on,
      false,
    );
    expect(notification?.title).toBe('node opened 2 ports');
    expect(notification?.body).toBe('127.0.0.1:5173, 127.0.0.1:24678');
  });

  it('phrases an unknown owner, and a pid without process details', () => {
    const unknown = notificationFor(
      [makeEvent({ localAddress: '0.0.0.0', localPort: 22, process: null, pids: [] })],
      on,
      false,
    );
    expect(unknown?.title).toBe('An unknown process opened 0.0.0.0:22');
    expect(unknown?.body).toContain('cannot see which process owns it');
    const pidOnly = notificationFor(
      [makeEvent({ localAddress: '0.0.0.0', localPort: 22, process: null, pids: [812] })],
      on,
      false,
    );
    expect(pidOnly?.title).toBe('pid 812 opened 0.0.0.0:22');
  });

  it('shows a dual-stack server (0.0.0.0 and ::) as one port, revealing both rows', () => {
    const v4 = makeEvent({ localAddress: '0.0.0.0', localPort: 3000, rowId: 'v4' });
    const v6 = makeEvent({ localAddress: '::', localPort: 3000, rowId: 'v6' });
    const notification = notificationFor([v6, v4], on, false);
    expect(notification?.title).toBe('node opened 0.0.0.0:3000');
    expect(notification?.body).toContain('Also [::]:3000.');
    expect(notification?.rowIds).toEqual(['v4', 'v6']);
  });

  it('lists the first ports and counts the rest', () => {
    const events = Array.from({ length: LISTED_PORTS + 3 }, (_, i) =>
      makeEvent({
        localAddress: '127.0.0.1',
        localPort: 4000 + i,
        process: makeProcess({ pid: 100 + i, name: `svc${i}` }),
        rowId: `r${i}`,
      }),
    );
    const notification = notificationFor(events, on, false);
    expect(notification?.title).toBe(`${LISTED_PORTS + 3} ports opened`);
    expect(notification?.body.endsWith(' and 3 more')).toBe(true);
    expect(notification?.rowIds).toHaveLength(LISTED_PORTS + 3);
  });

  it('is null when notifications are off, paused, or nothing opened', () => {
    expect(notificationFor([vite], { ...on, enabled: false }, false)).toBeNull();
    expect(notificationFor([vite], on, true)).toBeNull();
    expect(notificationFor([], on, false)).toBeNull();
    expect(notificationFor([{ ...vite, type: 'listen-closed' }], on, false)).toBeNull();
  });

  it('applies ignored processes (exact name, any case), ignored ports and loopback-only', () => {
    expect(notificationFor([vite], { ...on, ignoredProcesses: ['NODE'] }, false)).toBeNull();
    expect(notificationFor([vite], { ...on, ignoredProcesses: ['nod'] }, false)).not.toBeNull();
    expect(notificationFor([vite], { ...on, ignoredPorts: [5173] }, false)).toBeNull();
    const wide = makeEvent({ localAddress: '0.0.0.0', localPort: 9000, rowId: 'wide' });
    expect(notificationFor([vite, wide], { ...on, loopbackOnly: true }, false)?.rowIds).toEqual(['vite']);
  });

  it('always produces a notification the contract accepts, about rows from the tick only', () => {
    const address = fc.constantFrom('127.0.0.1', '0.0.0.0', '::', '::1', '10.0.0.7', 'fe80::1%eth0');
    const event = fc.record({
      localAddress: address,
      localPort: fc.integer({ min: 1, max: 65535 }),
      protocol: fc.constantFrom('tcp' as const, 'udp' as const),
      type: fc.constantFrom('listen-opened' as const, 'listen-closed' as const),
      owner: fc.constantFrom(
        null,
        makeProcess({ pid: 1, name: 'node' }),
        makeProcess({ pid: 2, name: 'python3' }),
      ),
      rowId: fc.uuid(),
    });
    const settings = fc.record({
      enabled: fc.boolean(),
      ignoredProcesses: fc.subarray(['node', 'PYTHON3']),
      ignoredPorts: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
      loopbackOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), settings, fc.boolean(), (specs, rules, paused) => {
        const events: PortEvent[] = specs.map(({ owner, ...spec }) => makeEvent({ ...spec, process: owner }));
        const notification = notificationFor(events, rules, paused);
        const eligible = events.filter(
          (e) =>
            e.type === 'listen-opened' &&
            !rules.ignoredPorts.includes(e.localPort) &&
            !(rules.loopbackOnly && e.scope !== 'loopback') &&
            !rules.ignoredProcesses.some((name) => name.toLowerCase() === e.process?.name),
        );
        if (!rules.enabled || paused || eligible.length === 0) return notification === null;
        expect(PortNotification.safeParse(notification).success).toBe(true);
        // Every eligible row is in it (dual-stack twins included), and nothing else.
        expect([...(notification?.rowIds ?? [])].sort()).toEqual(eligible.map((e) => e.rowId).sort());
        return true;
      }),
    );
  });
});
