import { describe, expect, it } from 'vitest';
import { parseNames, parsePorts } from './parse-list';

describe('settings lists', () => {
  it('splits names on commas and spaces and drops duplicates', () => {
    expect(parseNames(' node, vite  python3,node ')).toEqual(['node', 'vite', 'python3']);
    expect(parseNames('')).toEqual([]);
  });
  it('parses ports and names the first bad token', () => {
    expect(parsePorts('5432, 6379 5432')).toEqual({ ok: true, ports: [5432, 6379] });
    expect(parsePorts('80 http')).toEqual({ ok: false, bad: 'http' });
    expect(parsePorts('70000')).toEqual({ ok: false, bad: '70000' });
    expect(parsePorts('0')).toEqual({ ok: false, bad: '0' });
  });
});
