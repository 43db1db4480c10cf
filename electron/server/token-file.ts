/**
 * `serve --token-file FILE`: a fixed token for clients that cannot read the printed URL, such
 * as a Prometheus scraping `/metrics` (whose scrape config names the same file). The token never
 * goes on a command line; the file must be a regular file of ours that nobody else can change.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** Why a token file was refused, for the user. */
export class TokenFileError extends Error {
  override readonly name = 'TokenFileError';
}

const TOKEN = /^[A-Za-z0-9._~+/=-]{32,512}$/;

/** The token in `file` (surrounding whitespace ignored); a TokenFileError says what is wrong. */
export function readTokenFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new TokenFileError(`cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new TokenFileError(`${file} is not a regular file`);
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) throw new TokenFileError(`${file} belongs to uid ${stats.uid}, not to you`);
    // The token lets its holder end processes: no one but you (and, for a scraper, your group's
    // read access) may read or change it.
    if (stats.mode & 0o027)
      throw new TokenFileError(`${file} is open to others (mode ${(stats.mode & 0o777).toString(8)}): chmod 600 it (or 640 for a scraper's group)`);
    const token = readFileSync(fd, 'utf8').trim();
    if (!TOKEN.test(token)) throw new TokenFileError(`${file} must hold one token of 32 to 512 URL-safe characters (e.g. \`openssl rand -hex 32\`)`);
    return token;
  } finally {
    closeSync(fd);
  }
}
