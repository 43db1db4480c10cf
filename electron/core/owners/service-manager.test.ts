import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../model.js';
import { parseCgroup } from './cgroup.js';
import { parseEnviron } from './environ.js';
import { detectServiceManager } from './service-manager.js';

const cgroup = (name: string): string =>
  readFileSync(new URL(`./fixtures/cgroup/${name}`, import.meta.url), 'utf8');
const environ = (name: string): Record<string, string> =>
  parseEnviron(readFileSync(new URL(`./fixtures/environ/${name}`, import.meta.url)));
const CONTAINER = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170ff1e2d3';
const detect = (
  file: string,
  env: Record<string, string> | null = null,
  argv: string[] = ['/usr/sbin/app'],
) => detectServiceManager({ cgroup: cgroup(file), environ: env, argv });

describe('detectServiceManager (real-format samples; systemd, Docker and pm2 do not run here)', () => {
  it('names a system unit from cgroup v2 and from the v1 name=systemd line', () => {
    const nginx = { kind: 'systemd', unit: 'nginx.service', scope: 'system', uid: null };
    expect(detect('systemd-system-v2.txt')).toEqual(nginx);
    expect(detect('systemd-system-v1.txt')).toEqual(nginx);
    expect(detect('systemd-template-instance.txt')).toMatchObject({
      unit: 'getty@tty1.service',
      scope: 'system',
    });
    expect(detect('systemd-delegated-subgroup.txt')).toMatchObject({
      unit: 'containerd.service',
      scope: 'system',
    });
  });

  it('names a user unit under user@UID.service with its uid', () => {
    expect(detect('systemd-user-unit.txt')).toEqual({
      kind: 'systemd',
      unit: 'foo.service',
      scope: 'user',
      uid: 1000,
    });
  });

  it('ignores session scopes, init.scope, app scopes and the root cgroup', () => {
    for (const file of [
      'systemd-session-scope.txt',
      'systemd-init-scope.txt',
      'systemd-user-manager-init-scope.txt',
      'systemd-user-app-scope.txt',
      'no-manager-v2.txt',
      'hybrid-v1-this-machine.txt',
    ]) {
      expect(detect(file), file).toBeNull();
    }
  });

  it('finds a Docker container by docker-<id>.scope and by /docker/<id> (v1 and v2, rootless too)', () => {
    for (const file of [
      'docker-systemd-driver-v2.txt',
      'docker-cgroupfs-v1.txt',
      'docker-cgroupfs-v2.txt',
      'docker-rootless.txt',
    ]) {
      expect(detect(file), file).toEqual({ kind: 'docker', containerId: CONTAINER });
    }
    expect(detect('docker-daemon.txt')).toMatchObject({ kind: 'systemd', unit: 'docker.service' });
  });

  it("finds a pm2 app by pm_id and name in its environment, even inside pm2's own unit", () => {
    expect(detect('pm2-daemon-unit.txt', environ('pm2-app.environ'))).toEqual({
      kind: 'pm2',
      id: '3',
      name: 'api-server',
    });
    expect(detect('no-manager-v2.txt', { pm_id: '0' })).toEqual({ kind: 'pm2', id: '0', name: null });
    expect(detect('pm2-daemon-unit.txt', environ('plain.environ'))).toMatchObject({
      kind: 'systemd',
      unit: 'pm2-root.service',
    });
    expect(detect('no-manager-v2.txt', { pm_id: 'not-a-number' })).toBeNull();
  });

  it('gives a docker-proxy its container only when the address lookup finds one', () => {
    const argv = [
      '/usr/bin/docker-proxy',
      '-proto',
      'tcp',
      '-host-ip',
      '0.0.0.0',
      '-host-port',
      '8080',
      '-container-ip',
      '172.17.0.2',
      '-container-port',
      '80',
    ];
    const input = { cgroup: cgroup('docker-daemon.txt'), environ: null, argv };
    expect(detectServiceManager(input)).toBeNull();
    expect(detectServiceManager({ ...input, containerForAddress: () => null })).toBeNull();
    const asked: string[] = [];
    const lookup = (ip: string): string => (asked.push(ip), CONTAINER);
    expect(detectServiceManager({ ...input, containerForAddress: lookup })).toEqual({
      kind: 'docker',
      containerId: CONTAINER,
    });
    expect(asked).toEqual(['172.17.0.2']);
  });

  it("reads this machine's own cgroup without error (live)", () => {
    const text = readFileSync('/proc/self/cgroup', 'utf8');
    expect(() => detectServiceManager({ cgroup: text, environ: null, argv: process.argv })).not.toThrow();
  });
});

describe('parseCgroup', () => {
  it('splits v1 and v2 lines, keeping colons inside the path', () => {
    expect(parseCgroup('8:cpu,cpuacct:/a\n1:name=systemd:/b:c\n0::/\n')).toEqual([
      { hierarchy: 8, controllers: ['cpu', 'cpuacct'], path: '/a' },
      { hierarchy: 1, controllers: ['name=systemd'], path: '/b:c' },
      { hierarchy: 0, controllers: [], path: '/' },
    ]);
  });

  it('throws ParseError with the line number for malformed lines', () => {
    for (const text of ['nonsense', '0:/x', 'x::/a', '0::relative', '0::/ok\n1:cpu']) {
      expect(() => parseCgroup(text), text).toThrow(ParseError);
    }
    expect(() => parseCgroup('0::/ok\nbad')).toThrow(/line 2/);
  });
});
