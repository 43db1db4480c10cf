// The diagnose checks' readers on real outputs: `nft -j list ruleset` (nftables 1.0.6, captured
// in a private network namespace), `iptables -S`, and the target text people paste.
import { describe, expect, it } from 'vitest';
import { readTargetText } from '../target-text.js';
import { firewallByHand, iptablesRulesBlocking, nftRulesBlocking, readFirewall } from './firewall.js';
import { proxyCatching } from './proxy-env.js';

const NFT_JSON = `{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "pltest", "handle": 1}}, {"chain": {"family": "inet", "table": "pltest", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}}, {"rule": {"family": "inet", "table": "pltest", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 47001}}, {"drop": null}]}}]}`;

describe('firewall readers', () => {
  it('finds the nftables rule that drops the port, with the command that removes it', () => {
    expect(nftRulesBlocking(NFT_JSON, 47001)).toEqual([
      { port: 47001, tool: 'nftables', action: 'drop', text: 'table inet pltest chain input handle 2: tcp dport 47001 drop', remove: 'sudo nft delete rule inet pltest input handle 2' },
    ]);
    expect(nftRulesBlocking(NFT_JSON, 47002)).toEqual([]);
    expect(nftRulesBlocking('not json', 47001)).toEqual([]);
  });

  it('reads iptables -S rules by port, port list and range; accepts and negations do not block', () => {
    const rules = ['-P INPUT ACCEPT', '-A INPUT -p tcp -m tcp --dport 5432 -j DROP', '-A INPUT -p tcp -m multiport --dports 80,6000:6100 -j REJECT --reject-with tcp-reset', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -m tcp ! --dport 443 -j DROP'].join('\n');
    expect(iptablesRulesBlocking(rules, 5432, 'iptables').map((r) => r.action)).toEqual(['drop']);
    expect(iptablesRulesBlocking(rules, 6050, 'iptables').map((r) => [r.action, r.remove])).toEqual([['reject', 'sudo iptables -D INPUT -p tcp -m multiport --dports 80,6000:6100 -j REJECT --reject-with tcp-reset']]);
    expect(iptablesRulesBlocking(rules, 22, 'iptables')).toEqual([]);
    expect(iptablesRulesBlocking(rules, 443, 'iptables')).toEqual([]);
  });
});

describe('firewall on macOS and Windows', () => {
  it('names the commands that answer by hand instead of Linux tools, and runs none of them', async () => {
    const mac = await readFirewall([62893, 3000], 500, false, 'darwin');
    expect(mac.state).toBe('unknown');
    expect(mac.findings).toHaveLength(1);
    expect(mac.findings[0]?.message).toContain('socketfilterfw --getglobalstate');
    expect(mac.findings[0]?.message).toContain("port (= )?(62893|3000)");
    expect(mac.summary).not.toMatch(/nft|iptables/);
    const windows = await readFirewall([62893], 500, true, 'win32');
    expect(windows.findings[0]?.message).toContain('Where-Object LocalPort -In 62893');
    expect(windows.summary).toMatch(/^not read on Windows/);
    expect(firewallByHand([80], 'linux')).toBeNull();
  });
});

describe('proxy variables', () => {
  it('catch localhost unless NO_PROXY names it', () => {
    expect(proxyCatching({ HTTP_PROXY: 'http://proxy:3128' }, 'localhost')).toBe('HTTP_PROXY=http://proxy:3128');
    expect(proxyCatching({ https_proxy: 'http://p:1', no_proxy: 'localhost,127.0.0.1' }, 'localhost')).toBeNull();
    expect(proxyCatching({ ALL_PROXY: 'socks5://p:1', NO_PROXY: '127.0.0.0/8' }, '127.0.0.5')).toBeNull();
    expect(proxyCatching({ ALL_PROXY: 'socks5://p:1', NO_PROXY: 'localhost' }, '::1')).toBe('ALL_PROXY=socks5://p:1');
    expect(proxyCatching({}, 'localhost')).toBeNull();
    // Credentials in a proxy URL (ours, or another process's environ) are never repeated.
    expect(proxyCatching({ http_proxy: 'http://alice:s3cret@proxy.corp:3128/' }, 'localhost')).toBe('http_proxy=http://proxy.corp:3128');
    expect(proxyCatching({ HTTPS_PROXY: 'bob:pw@proxy:8080' }, 'localhost')).toBe('HTTPS_PROXY=proxy:8080');
  });
});

describe('target text', () => {
  it.each([
    ['62893', { host: null, port: 62893, scheme: null, problems: [] }],
    [':3000', { host: null, port: 3000, problems: [] }],
    ['127.0.0.1:62893', { host: '127.0.0.1', port: 62893, problems: [] }],
    ['[::1]:5173', { host: '::1', port: 5173, problems: [] }],
    ['http://localhost:5173/', { host: 'localhost', port: 5173, scheme: 'http', problems: [] }],
    ['https://[::1]/x', { host: '::1', port: 443, scheme: 'https' }],
    ['::ffff:127.0.0.1', { host: '127.0.0.1', port: null }],
  ])('%s', (text, expected) => {
    expect(readTargetText(text)).toMatchObject(expected);
  });

  it('explains an impossible port, port 0, a word for a port, and another machine', () => {
    expect(readTargetText('localhost:619009').problems[0]).toMatch(/^619009 is not a port: ports are 16-bit numbers, 0–65535/);
    expect(readTargetText('127.0.0.1:0').problems[0]).toMatch(/port 0 is not a port you can connect to/);
    expect(readTargetText('localhost:http').problems[0]).toMatch(/"http" is not a port/);
    expect(readTargetText('198.51.100.7:22').problems[0]).toMatch(/198\.51\.100\.7 is not an address of this machine/);
  });
});
