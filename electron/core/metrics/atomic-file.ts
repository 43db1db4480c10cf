/**
 * Replaces a file that another program reads (node_exporter's textfile collector) so that it
 * only ever sees the old content or the new: a temp file beside it (random name, O_EXCL and
 * O_NOFOLLOW, so nothing planted there is followed), flushed, then renamed over the target.
 * Unlike PortLens's private files, the directory is the user's (left as it is) and the file is
 * 0644: the collector usually runs as another user. The temp name starts with a dot and does
 * not end in `.prom`, so the collector never reads a half-written one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, text: string, mode = 0o644): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
}
