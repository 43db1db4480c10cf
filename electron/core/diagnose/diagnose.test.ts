// `diagnose` against real servers in child processes of this test: each verdict the issue
// lists, reached for real (a ::1-only server, an IPv6-only [::] socket, 127.0.0.2, an HTTP
// server, a server that never accepts with its queue filled, a stopped server, a closed port).
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DiagnoseReport } from '../../contract/diagnose-model.js';
import { startChild, stopAllChildren, tcpListenerScript } from '../../test-support/children.js';
import { takeSnapshot } from '../snapshot/default-pipeline.js';
import { diagnose } from './diagnose.js';

const run = async (target: string): Promise<DiagnoseReport> => {
  const report = await diagnose(target, { snapshot: () => takeSnapshot(), env: {} });
  // What the CLI prints and the app receives is the contract's shape.
  return DiagnoseReport.parse(report);
};

const HTTP_SERVER = `
const s = require('node:http').createServer((req, res) => { res.setHeader('Server', 'test-http'); res.setHeader('Content-Type', 'text/html'); res.end('<html><head><title>PortLens test page</title></head></html>'); });
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: s.address().port })));
`;

/** Listens with a backlog of 1, then blocks its only thread: nothing ever calls accept(). */
const NEVER_ACCEPTS = `
const s = require('node:net').createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  console.log(JSON.stringify({ port: s.address().port }));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
`;

const V6_ONLY = `const s=require('net').createServer(()=>{});s.listen({port:0,host:'::',ipv6Only:true},()=>{console.log(JSON.stringify({port:s.address().port}))});`;

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});
afterAll(stopAllChildren);

const codes = (report: DiagnoseReport): string[] => report.findings.map((f) => f.code);

describe('diagnose (real servers)', () => {
  it('a server on ::1 only, diagnosed at 127.0.0.1: family-mismatch, naming the server and how to reach it', async () => {
    const child = await startChild(tcpListenerScript('::1'));
    const port = child.ready.port as number;
    const report = await run(`127.0.0.1:${port}`);
    expect(report.verdict).toBe('family-mismatch');
    expect(report.listeners).toEqual([expect.objectContaining({ localAddress: '::1', pid: child.pid, accepts: false, fit: 'family' })]);
    expect(report.probes[0]).toMatchObject({ kind: 'tcp', address: '127.0.0.1', outcome: 'refused' });
    expect(report.nextSteps[0]?.text).toContain(`[::1]:${port}`);
    expect(report.nextSteps.some((s) => s.action?.kind === 'restart' && s.action.pid === child.pid)).toBe(true);
  });

  it('an IPv6-only [::] socket, diagnosed at 127.0.0.1: family-mismatch (v6-only), and reachable at [::1]', async () => {
    const child = await startChild(V6_ONLY);
    const port = child.ready.port as number;
    const report = await run(`127.0.0.1:${port}`);
    expect(report.verdict).toBe('family-mismatch');
    expect(report.listeners[0]).toMatchObject({ localAddress: '::', v6Only: true, fit: 'v6-only', reach: 'all IPv6 interfaces, IPv6-only' });
    expect(codes(report)).toContain('mismatch-v6-only');
    expect((await run(`[::1]:${port}`)).verdict).toBe('reachable');
  });

  it('a server on 127.0.0.2, diagnosed at 127.0.0.1: address-mismatch', async () => {
    const child = await startChild(tcpListenerScript('127.0.0.2'));
    const report = await run(`127.0.0.1:${child.ready.port as number}`);
    expect(report.verdict).toBe('address-mismatch');
    expect(report.listeners[0]).toMatchObject({ localAddress: '127.0.0.2', fit: 'address' });
  });

  it('an HTTP server: reachable, with its status, Server header and page title, and an Open step', async () => {
    const child = await startChild(HTTP_SERVER);
    const port = child.ready.port as number;
    const report = await run(`http://127.0.0.1:${port}/`);
    expect(report.verdict).toBe('reachable');
    const http = report.probes.find((p) => p.kind === 'http');
    expect(http?.http).toEqual({ status: 200, server: 'test-http', title: 'PortLens test page', location: null });
    expect(report.nextSteps[0]?.action).toEqual({ kind: 'open', url: `http://127.0.0.1:${port}/` });
  });

  it('a server that never accepts, its tiny backlog filled: not-accepting (Recv-Q ≥ backlog)', async () => {
    const child = await startChild(NEVER_ACCEPTS);
    const port = child.ready.port as number;
    // Fill the accept queue: the kernel completes handshakes until it holds backlog + 1.
    for (let i = 0; i < 4; i++) {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => {});
      sockets.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = await run(`127.0.0.1:${port}`);
    expect(report.verdict).toBe('not-accepting');
    const listener = report.listeners[0]!;
    expect(listener.backlog).toBe(1);
    expect(listener.acceptQueue).toBeGreaterThanOrEqual(1);
    expect(codes(report)).toContain('accept-queue-full');
    expect(report.nextSteps.some((s) => s.action?.kind === 'logs')).toBe(true);
  });

  it('a stopped server (SIGSTOP, our own child): not-accepting, with the command that resumes it', async () => {
    const child = await startChild(HTTP_SERVER);
    const port = child.ready.port as number;
    process.kill(child.pid, 'SIGSTOP');
    try {
      const report = await run(`127.0.0.1:${port}`);
      expect(report.verdict).toBe('not-accepting');
      expect(report.listeners[0]?.processState).toBe('T');
      expect(codes(report)).toContain('owner-stopped');
      expect(report.nextSteps[0]?.action).toEqual({ kind: 'copy', command: `kill -CONT ${child.pid}` });
    } finally {
      process.kill(child.pid, 'SIGCONT');
    }
  });

  it('a closed port: nothing-listening, with next steps', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const report = await run(`127.0.0.1:${port}`);
    expect(report.verdict).toBe('nothing-listening');
    expect(report.listeners).toEqual([]);
    expect(report.probes[0]?.outcome).toBe('refused');
    expect(report.nextSteps.length).toBeGreaterThan(0);
    expect(report.nextSteps.map((s) => s.action?.kind === 'copy' && s.action.command)).toContain('portlens list --listening');
  });

  it('an impossible port or a non-local address is explained, not refused', async () => {
    const impossible = await run('localhost:619009');
    expect(impossible.verdict).toBeNull();
    expect(impossible.findings[0]?.message).toMatch(/ports are 16-bit numbers, 0–65535/);
    const remote = await run('192.0.2.1:80');
    expect(remote.findings[0]?.message).toMatch(/not an address of this machine/);
  });
});
