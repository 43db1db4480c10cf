// `who` on the near miss: nothing on the address asked, something on that port elsewhere.
// Real listeners in child processes; the words and the JSON carry the same facts; exit 1.
import { lookup } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, stopAllChildren, tcpListenerScript, type Child } from '../../test-support/children.js';
import { cli } from '../test-support/captured-cli.js';


const V6_ONLY_LISTENER = `const s=require('net').createServer(()=>{});s.listen({port:0,host:'::',ipv6Only:true},()=>{console.log(JSON.stringify({port:s.address().port}))});`;

/** Does `localhost` resolve to ::1 on this machine? Then `localhost:P` reaches a ::1 server, and who says so. */
async function localhostReachesV6(): Promise<boolean> {
  return (await lookup('localhost', { all: true })).some((entry) => entry.address === '::1');
}

describe('who: the near miss', () => {
  const children: Record<string, Child> = {};
  beforeAll(async () => {
    children.v6 = await startChild(tcpListenerScript('::1'));
    children.v6Only = await startChild(V6_ONLY_LISTENER);
    children.other = await startChild(tcpListenerScript('127.0.0.2'));
  });
  afterAll(stopAllChildren);

  it('a server on ::1 asked at 127.0.0.1: exit 1, names it, says how to reach it', async () => {
    const { pid, ready } = children.v6!;
    const port = ready.port as number;
    const { code, stdout, stderr } = await cli('who', `127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      `nothing listens on 127.0.0.1:${port} — node (pid ${pid}) listens on [::1]:${port} (IPv6 loopback only): ` +
        `connect to [::1]:${port}${(await localhostReachesV6()) ? ` or localhost:${port}` : ''}, or bind the server to 127.0.0.1 too\n`,
    );
  });

  it('an IPv6-only [::] socket asked at 127.0.0.1: exit 1, not "listens on 127.0.0.1"', async () => {
    const { pid, ready } = children.v6Only!;
    const port = ready.port as number;
    const { code, stdout } = await cli('who', `127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(stdout).toContain(`node (pid ${pid}) listens on [::]:${port} (all IPv6 interfaces, IPv6-only)`);
    expect(stdout).toContain('IPV6_V6ONLY');
    expect((await cli('who', `[::1]:${port}`)).code).toBe(0);
    expect((await cli('who', `localhost:${port}`)).code).toBe(0);
  });

  it('--json carries the same facts', async () => {
    const { pid, ready } = children.v6Only!;
    const port = ready.port as number;
    const { code, stdout } = await cli('who', `127.0.0.1:${port}`, '--json');
    expect(code).toBe(1);
    const answer = JSON.parse(stdout) as { owners: unknown[]; nearMisses: Array<Record<string, unknown>> };
    expect(answer.owners).toEqual([]);
    expect(answer.nearMisses).toEqual([
      expect.objectContaining({ pid, name: 'node', localAddress: '::', localPort: port, v6Only: true, why: 'v6-only', connectTo: [`[::1]:${port}`, ...((await localhostReachesV6()) ? [`localhost:${port}`] : [])] }),
    ]);
    const words = await cli('who', `127.0.0.1:${port}`);
    expect(words.stdout).toBe(`${answer.nearMisses[0]!.message as string}\n`);
  });

  it('a server on 127.0.0.2 asked at 127.0.0.1: another address of the same family', async () => {
    const { ready } = children.other!;
    const port = ready.port as number;
    const { code, stdout } = await cli('who', `127.0.0.1:${port}`, '--json');
    expect(code).toBe(1);
    const [miss] = (JSON.parse(stdout) as { nearMisses: Array<Record<string, unknown>> }).nearMisses;
    expect(miss).toMatchObject({ why: 'address', reach: 'IPv4 loopback, 127.0.0.2 only', connectTo: [`127.0.0.2:${port}`] });
  });

  it('with the /proc/net source, which cannot tell IPV6_V6ONLY, a [::] match says IPv4 reach is assumed', async () => {
    const port = children.v6Only!.ready.port as number;
    const { code, stdout } = await cli('who', `127.0.0.1:${port}`, '--source', 'proc');
    expect(code).toBe(0);
    expect(stdout).toContain('whether this [::] socket is IPv6-only is unknown');
  });
});
