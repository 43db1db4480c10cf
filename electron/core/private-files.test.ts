import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkLogFile, logFilePath, openLogFile } from './actions/log-files.js';
import {
  checkPrivateFile,
  ensurePrivateDir,
  openPrivateAppend,
  PrivateFileError,
  writePrivateFileAtomic,
} from './private-files.js';

// writeSync passes through to the real one, unless a test arms `failNextWrite` to simulate a
// write that fails (a full disk) after the temp file was created.
const hooks = vi.hoisted(() => ({ failNextWrite: false }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    writeSync: (...args: Parameters<typeof actual.writeSync>) => {
      if (hooks.failNextWrite) {
        hooks.failNextWrite = false;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return (actual.writeSync as (...a: unknown[]) => number)(...args);
    },
  };
});

const isPosix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portlens-private-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  hooks.failNextWrite = false;
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const modeOf = (path: string): number => statSync(path).mode & 0o7777;

/** Runs `body` under `mask`, restoring the previous umask whatever happens. */
function withUmask<T>(mask: number, body: () => T): T {
  const previous = process.umask(mask);
  try {
    return body();
  } finally {
    process.umask(previous);
  }
}

/** The PrivateFileError `body` throws (fails the test if it throws nothing or something else). */
function refusal(body: () => unknown): PrivateFileError {
  try {
    body();
  } catch (error) {
    if (error instanceof PrivateFileError) return error;
    throw error;
  }
  throw new Error('expected a PrivateFileError, nothing was thrown');
}

function appendText(file: string, text: string, root?: string): void {
  const fd = openPrivateAppend(file, root);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!isPosix)('private files: modes whatever the umask', () => {
  for (const mask of [0o000, 0o022, 0o277]) {
    it(`creates directories 0700 and files 0600 under umask ${mask.toString(8).padStart(3, '0')}`, () => {
      const base = tempDir();
      const dataDir = join(base, 'data');
      const logFile = logFilePath(dataDir, 'node', 3000);
      const settings = join(dataDir, 'settings.json');
      withUmask(mask, () => {
        appendText(logFile, 'secret output\n', dataDir);
        writePrivateFileAtomic(settings, '{}\n', dataDir);
      });
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
      expect(modeOf(logFile)).toBe(0o600);
      expect(modeOf(settings)).toBe(0o600);
      expect(readFileSync(logFile, 'utf8')).toBe('secret output\n');
      expect(readFileSync(settings, 'utf8')).toBe('{}\n');
    });
  }

  it('creates missing ancestors above the root 0700 too, and leaves existing ones alone', () => {
    const base = tempDir();
    chmodSync(base, 0o755);
    const dataDir = join(base, 'config', 'PortLens');
    withUmask(0, () => ensurePrivateDir(join(dataDir, 'logs'), dataDir));
    expect(modeOf(base)).toBe(0o755);
    expect(modeOf(join(base, 'config'))).toBe(0o700);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
  });

  it('tightens an existing data directory (and logs directory) we own from 0755 / 0777 to 0700', () => {
    const dataDir = join(tempDir(), 'PortLens');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'logs'), 0o777);
    checkLogFile(logFilePath(dataDir, 'node', 3000));
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o700);
  });

  it('tightens a log file we own that others can read (0644) to 0600 and appends to it', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(logFile, 'old\n');
    chmodSync(logFile, 0o644);
    const fd = openLogFile(logFile);
    writeSync(fd, 'new\n');
    closeSync(fd);
    expect(modeOf(logFile)).toBe(0o600);
    expect(readFileSync(logFile, 'utf8')).toBe('old\nnew\n');
  });
});

describe.skipIf(!isPosix)('private files: refusing what someone else may control', () => {
  it('refuses a symbolic link planted at the log path and leaves its target untouched', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    const target = join(dataDir, 'elsewhere.txt');
    writeFileSync(target, 'not yours\n');
    chmodSync(target, 0o644);
    mkdirSync(join(dataDir, 'logs'));
    symlinkSync(target, logFile);

    for (const attempt of [() => openLogFile(logFile), () => checkLogFile(logFile)]) {
      const error = refusal(attempt);
      expect(error.problem).toBe('symlink');
      expect(error.message).toContain(logFile);
      expect(error.message).toMatch(/symbolic link.*Remove it/);
    }
    expect(readFileSync(target, 'utf8')).toBe('not yours\n');
    expect(modeOf(target)).toBe(0o644);
  });

  it('refuses a dangling link at the log path without creating the file it names', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    const target = join(dataDir, 'would-be-created');
    mkdirSync(join(dataDir, 'logs'));
    symlinkSync(target, logFile);
    expect(refusal(() => openLogFile(logFile)).problem).toBe('symlink');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a log file others can write (0666), leaving it as it was', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(logFile, 'planted\n');
    chmodSync(logFile, 0o666);
    for (const attempt of [() => openLogFile(logFile), () => checkLogFile(logFile)]) {
      const error = refusal(attempt);
      expect(error.problem).toBe('writable-by-others');
      expect(error.message).toContain('mode 0666');
    }
    expect(readFileSync(logFile, 'utf8')).toBe('planted\n');
    expect(modeOf(logFile)).toBe(0o666);
  });

  it('refuses a log file with a second hard link (writing would change the other name too)', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    const other = join(dataDir, 'other');
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(other, 'keep\n', { mode: 0o600 });
    linkSync(other, logFile);
    expect(refusal(() => openLogFile(logFile)).problem).toBe('hard-linked');
    expect(readFileSync(other, 'utf8')).toBe('keep\n');
  });

  it('refuses a FIFO or directory at the log path without blocking', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'logs'));
    const fifo = logFilePath(dataDir, 'fifo', 1);
    execFileSync('mkfifo', ['-m', '600', fifo]);
    expect(refusal(() => openLogFile(fifo)).message).toMatch(/not a regular file \(a FIFO\)/);
    const directory = logFilePath(dataDir, 'dir', 2);
    mkdirSync(directory);
    expect(refusal(() => openLogFile(directory)).problem).toBe('not-a-file');
  });

  it('follows a link we own to a directory we own, and tightens that directory', () => {
    const base = tempDir();
    const real = join(base, 'real');
    mkdirSync(real, { mode: 0o755 });
    chmodSync(real, 0o755);
    const dataDir = join(base, 'PortLens');
    symlinkSync(real, dataDir);
    writePrivateFileAtomic(join(dataDir, 'settings.json'), '{}\n');
    expect(modeOf(real)).toBe(0o700);
    expect(readFileSync(join(real, 'settings.json'), 'utf8')).toBe('{}\n');
  });

  it('refuses a data directory path that is a file', () => {
    const dataDir = join(tempDir(), 'PortLens');
    writeFileSync(dataDir, '');
    expect(refusal(() => writePrivateFileAtomic(join(dataDir, 'settings.json'), '{}')).problem).toBe(
      'not-a-directory',
    );
  });
});

describe.skipIf(!isPosix)('private files: owned by another user (root chowns to nobody)', () => {
  const skip = !isRoot;
  if (skip) console.log('skipping the other-owner cases: they need root to chown files to nobody');

  it.skipIf(skip)('refuses a log file another user owns, and leaves it untouched', () => {
    const dataDir = tempDir();
    const logFile = logFilePath(dataDir, 'node', 3000);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(logFile, 'theirs\n');
    chmodSync(logFile, 0o600);
    chownSync(logFile, NOBODY, NOBODY);
    for (const attempt of [() => openLogFile(logFile), () => checkLogFile(logFile)]) {
      const error = refusal(attempt);
      expect(error.problem).toBe('other-owner');
      expect(error.message).toMatch(/is owned by nobody \(uid 65534\), not by you \(root \(uid 0\)\)/);
    }
    expect(readFileSync(logFile, 'utf8')).toBe('theirs\n');
  });

  it.skipIf(skip)('refuses a data or logs directory another user owns, without changing its mode', () => {
    const base = tempDir();
    const dataDir = join(base, 'PortLens');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    chmodSync(join(dataDir, 'logs'), 0o755);
    chownSync(join(dataDir, 'logs'), NOBODY, NOBODY);
    const logs = refusal(() => checkLogFile(logFilePath(dataDir, 'node', 3000)));
    expect(logs.problem).toBe('other-owner');
    expect(logs.path).toBe(join(dataDir, 'logs'));
    expect(modeOf(join(dataDir, 'logs'))).toBe(0o755);

    chownSync(dataDir, NOBODY, NOBODY);
    const data = refusal(() => writePrivateFileAtomic(join(dataDir, 'settings.json'), '{}'));
    expect(data.problem).toBe('other-owner');
    expect(data.message).toMatch(/PORTLENS_DATA_DIR/);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it.skipIf(skip)('refuses a symbolic link another user made in place of the data directory', () => {
    const base = tempDir();
    const real = join(base, 'real');
    mkdirSync(real, { mode: 0o700 });
    const dataDir = join(base, 'PortLens');
    symlinkSync(real, dataDir);
    lchownSync(dataDir, NOBODY, NOBODY);
    expect(refusal(() => ensurePrivateDir(dataDir)).problem).toBe('symlink');
  });
});

describe('writePrivateFileAtomic', () => {
  it('replaces the file whole; a write failing after the temp file exists keeps the old file and leaves no temp', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writePrivateFileAtomic(file, '{"v":1}\n');
    hooks.failNextWrite = true;
    expect(() => writePrivateFileAtomic(file, '{"v":2}\n')).toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe('{"v":1}\n');
    expect(readdirSync(dir)).toEqual(['settings.json']);
    writePrivateFileAtomic(file, '{"v":3}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"v":3}\n');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it.skipIf(!isPosix)('never writes through a link planted at the old, predictable temp name', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const target = join(dir, 'victim');
    writeFileSync(target, 'untouched\n');
    symlinkSync(target, `${file}.${process.pid}.tmp`);
    writePrivateFileAtomic(file, '{}\n');
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
  });

  it('checkPrivateFile accepts a missing file without creating it', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'logs', 'x.log');
    checkPrivateFile(file, dataDir);
    expect(existsSync(join(dataDir, 'logs'))).toBe(true);
    expect(existsSync(file)).toBe(false);
  });
});
