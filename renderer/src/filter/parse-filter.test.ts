import { describe, expect, it } from 'vitest';
import { matchStates, parseFilter, tokenize } from './parse-filter';

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted phrases with their positions', () => {
    expect(tokenize('  node  "my app" proc:"a b"')).toEqual([
      { text: 'node', start: 2, end: 6, quoted: false },
      { text: 'my app', start: 8, end: 16, quoted: true },
      { text: 'proc:a b', start: 17, end: 27, quoted: true },
    ]);
  });

  it('tolerates a missing closing quote', () => {
    expect(tokenize('"abc').map((token) => token.text)).toEqual(['abc']);
  });
});

describe('parseFilter', () => {
  it('reads :port, ranges and port:', () => {
    expect(parseFilter(':3000 :8000-8010 port:53').terms).toEqual([
      { kind: 'port', from: 3000, to: 3000, negate: false },
      { kind: 'port', from: 8000, to: 8010, negate: false },
      { kind: 'port', from: 53, to: 53, negate: false },
    ]);
  });

  it('reads pid, proc, process, user and uid tokens, case-insensitively', () => {
    expect(parseFilter('PID:123 proc:Node process:nginx User:Root uid:0').terms).toEqual([
      { kind: 'pid', pid: 123, negate: false },
      { kind: 'proc', value: 'node', negate: false },
      { kind: 'proc', value: 'nginx', negate: false },
      { kind: 'user', value: 'root', negate: false },
      { kind: 'uid', uid: 0, negate: false },
    ]);
  });

  it('resolves state prefixes and dashed names', () => {
    expect(parseFilter('state:listen').terms).toEqual([{ kind: 'state', states: ['LISTEN'], negate: false }]);
    expect(parseFilter('state:time-wait').terms).toEqual([
      { kind: 'state', states: ['TIME_WAIT'], negate: false },
    ]);
    expect(parseFilter('state:fin-wait-1').terms).toEqual([{ kind: 'state', states: ['FIN_WAIT1'], negate: false }]);
    expect(parseFilter('state:FIN_WAIT1').terms).toEqual([{ kind: 'state', states: ['FIN_WAIT1'], negate: false }]);
    expect(parseFilter('state:fin').terms).toEqual([
      { kind: 'state', states: ['FIN_WAIT1', 'FIN_WAIT2'], negate: false },
    ]);
    expect(matchStates('close')).toEqual(['CLOSE']);
    expect(matchStates('closew')).toEqual(['CLOSE_WAIT']);
  });

  it('treats addresses, IPv6 fragments and unknown keys as free text', () => {
    expect(parseFilter('127.0.0.1:3000 ::1 [::1]:80 foo:bar').terms).toEqual([
      { kind: 'text', value: '127.0.0.1:3000', negate: false },
      { kind: 'text', value: '::1', negate: false },
      { kind: 'text', value: '[::1]:80', negate: false },
      { kind: 'text', value: 'foo:bar', negate: false },
    ]);
  });

  it('negates with - or !', () => {
    expect(parseFilter('-proc:chrome !:443 -tcp').terms).toEqual([
      { kind: 'proc', value: 'chrome', negate: true },
      { kind: 'port', from: 443, to: 443, negate: true },
      { kind: 'text', value: 'tcp', negate: true },
    ]);
  });

  it('reports bad tokens with their position and keeps the good ones', () => {
    const parsed = parseFilter('node pid:abc :70000 state:bogus :90-80');
    expect(parsed.terms).toEqual([{ kind: 'text', value: 'node', negate: false }]);
    expect(parsed.issues.map((issue) => [issue.token, issue.start, issue.end])).toEqual([
      ['pid:abc', 5, 12],
      [':70000', 13, 19],
      ['state:bogus', 20, 31],
      [':90-80', 32, 38],
    ]);
    expect(parsed.issues[0]!.message).toMatch(/pid/);
  });

  it('returns nothing for blank input and ignores a lone dash', () => {
    expect(parseFilter('   ')).toEqual({ terms: [], issues: [] });
    expect(parseFilter('-').terms).toEqual([{ kind: 'text', value: '-', negate: false }]);
  });
});
