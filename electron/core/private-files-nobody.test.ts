import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLogFile, logFilePath, openLogFile } from './actions/log-files.js';
import { PrivateFileError, writePrivateFileAtomic } from './private-files.js';

/**
 * Another local user attacking PortLens's files: as root, the test has `nobody` (setpriv) try
 * to read, pre-create, link or swap files in the data directory, in a world-writable sticky
 * parent like /tmp (so only PortLens's own modes stand in the way).
 */
const isRoot = process.getuid?.() === 0;
const hasSetpriv = ((): boolean => {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skipReason = !isRoot ? 'not root' : !hasSetpriv ? 'setpriv is not installed' : null;
if (skipReason) console.log(`skipping the attacks as nobody: ${skipReason}`);

type Op =
  | ['read', string]
  | ['readdir', string]
  | ['create', string]
  | ['append', string]
  | ['mkdir', string]
  | ['symlink', string, string]
  | ['rename', string, string]
  | ['unlink', string];

/** Runs each operation as nobody; returns 'ok' or the error code of each. */
const AS_NOBODY = `
const fs = require('node:fs');
const run = {
  read: (p) => fs.readFileSync(p),
  readdir: (p) => fs.readdirSync(p),
  create: (p) => fs.writeFileSync(p, 'planted by nobody\\n', { flag: 'wx', mode: 0o666 }),
  append: (p) => fs.appendFileSync(p, 'injected by nobody\\n'),
  mkdir: (p) => fs.mkdirSync(p, 0o777),
  symlink: (target, p) => fs.symlinkSync(target, p),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
};
const results = JSON.parse(process.argv[1]).map(([op, ...args]) => {
  try { run[op](...args); return 'ok'; } catch (error) { return error.code ?? String(error); }
});
process.stdout.write(JSON.stringify({ uid: process.getuid(), results }));
`;

function asNobody(ops: Op[]): string[] {
  const stdout = execFileSync(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '-e',
      AS_NOBODY,
      JSON.stringify(ops),
    ],
    { cwd: '/', encoding: 'utf8', timeout: 30_000 },
  );
  const report = JSON.parse(stdout) as { uid: number; results: string[] };
  expect(report.uid).toBe(65534);
  return report.results;
}

const dirs: string[] = [];
/** A world-writable sticky directory, like /tmp. */
const stickyDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-attack-'));
  chmodSync(dir, 0o1777);
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function refusal(body: () => unknown): PrivateFileError {
  try {
    body();
  } catch (error) {
    if (error instanceof PrivateFileError) return error;
    throw error;
  }
  throw new Error('expected a PrivateFileError, nothing was thrown');
}

function writeLog(file: string, text: string): void {
  const fd = openLogFile(file);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

const DENIED = ['EACCES', 'EPERM'];

describe.skipIf(skipReason !== null)('private files attacked by another local user (setpriv nobody)', () => {
  it('nobody can neither read nor plant, link, swap or remove anything in a data directory PortLens made', () => {
    const base = stickyDir();
    const dataDir = join(base, 'PortLens');
    const logFile = logFilePath(dataDir, 'node', 3000);
    const settings = join(dataDir, 'settings.json');
    // Under umask 000, the worst case: the modes must come from PortLens, not the umask.
    const previous = process.umask(0);
    try {
      writePrivateFileAtomic(settings, '{"pollIntervalMs":1000}\n', dataDir);
      writeLog(logFile, '=== restart: node server.js --api-key=hunter2 ===\n');
    } finally {
      process.umask(previous);
    }

    const results = asNobody([
      ['read', logFile],
      ['read', settings],
      ['readdir', dataDir],
      ['readdir', join(dataDir, 'logs')],
      ['append', logFile],
      ['create', logFilePath(dataDir, 'node', 3001)],
      ['symlink', '/etc/hostname', logFilePath(dataDir, 'node', 3002)],
      ['create', join(dataDir, '.settings.json.0123456789abcdef.tmp')],
      ['create', join(dataDir, 'settings.json.1.tmp')],
      ['mkdir', join(dataDir, 'logs2')],
      ['unlink', logFile],
      ['rename', dataDir, join(base, 'moved')],
      ['rename', join(dataDir, 'logs'), join(base, 'logs-moved')],
    ]);
    for (const code of results) expect(DENIED).toContain(code);
    expect(readFileSync(logFile, 'utf8')).toBe('=== restart: node server.js --api-key=hunter2 ===\n');
    expect(readFileSync(settings, 'utf8')).toBe('{"pollIntervalMs":1000}\n');
  });

  it('a data directory nobody created first (with a link aimed at a secret of ours) is refused, the secret untouched', () => {
    const base = stickyDir();
    const secret = join(base, 'root-secret');
    writeFileSync(secret, 'root only\n', { mode: 0o600 });
    const dataDir = join(base, 'PortLens');
    const logFile = logFilePath(dataDir, 'node', 3000);
    expect(
      asNobody([
        ['mkdir', dataDir],
        ['mkdir', join(dataDir, 'logs')],
        ['symlink', secret, logFile],
      ]),
    ).toEqual(['ok', 'ok', 'ok']);

    for (const attempt of [() => checkLogFile(logFile), () => openLogFile(logFile)]) {
      const error = refusal(attempt);
      expect(error.problem).toBe('other-owner');
      expect(error.path).toBe(dataDir);
    }
    expect(refusal(() => writePrivateFileAtomic(join(dataDir, 'settings.json'), '{}', dataDir)).problem).toBe(
      'other-owner',
    );
    expect(readFileSync(secret, 'utf8')).toBe('root only\n');
    expect(statSync(dataDir).mode & 0o777).not.toBe(0o700); // theirs: not "tightened" by us
  });

  it('in an old, too-open data directory, what nobody planted is refused, and once tightened they cannot plant more', () => {
    const base = stickyDir();
    const secret = join(base, 'root-secret');
    writeFileSync(secret, 'root only\n', { mode: 0o600 });
    const dataDir = join(base, 'PortLens');
    writePrivateFileAtomic(join(dataDir, 'logs', 'keep'), '', dataDir);
    chmodSync(dataDir, 0o777); // as an older PortLens under umask 000 could leave it
    chmodSync(join(dataDir, 'logs'), 0o777);
    const planted = logFilePath(dataDir, 'node', 3000);
    const linked = logFilePath(dataDir, 'node', 3001);
    expect(
      asNobody([
        ['create', planted],
        ['symlink', secret, linked],
      ]),
    ).toEqual(['ok', 'ok']);

    expect(refusal(() => openLogFile(planted)).problem).toBe('other-owner');
    expect(refusal(() => openLogFile(linked)).problem).toBe('symlink');
    expect(readFileSync(secret, 'utf8')).toBe('root only\n');
    // Checking tightened both directories, so the next attempt fails.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
    const fresh = logFilePath(dataDir, 'node', 3002);
    writeLog(fresh, 'secret\n');
    expect(
      asNobody([
        ['create', logFilePath(dataDir, 'node', 3003)],
        ['read', fresh],
      ]),
    ).toEqual(['EACCES', 'EACCES']);
  });
});
