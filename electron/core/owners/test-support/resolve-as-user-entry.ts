/**
 * Bundled (esbuild) and run as another user by owner-resolver-nobody.test.ts: opens its own
 * listener, resolves it and a foreign socket (OwnerResolver and the one-shot scan), reads the
 * foreign process, prints one JSON line.
 * argv: <foreign inode> <foreign pid>
 */
import { createServer } from 'node:net';
import { OwnerResolver } from '../owner-resolver.js';
import { scanAllOwners } from '../../one-shot/one-shot-owners.js';
import { readEnviron } from '../environ.js';
import { readProcessInfo } from '../process-info.js';
import { inodeOf } from './socket-inodes.js';

const [foreignInode = 0, foreignPid = 0] = process.argv.slice(2).map(Number);
const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const own = inodeOf('tcp', typeof address === 'object' && address ? address.port : 0);

const steady = { fullRescanEveryCalls: 1000, fullRescanIntervalMs: 3_600_000 };
// Cold: a full scan, with some fd tables unreadable.
const resolver = new OwnerResolver(steady);
const first = resolver.resolve([foreignInode, own]);
const firstStats = resolver.lastScanStats;
// Incremental, no hint: the foreign inode is searched for in every readable table.
const searching = new OwnerResolver(steady);
searching.resolve([own]);
const second = searching.resolve([foreignInode, own]);
const secondStats = searching.lastScanStats;
// Incremental with the socket's uid as a hint: another user's socket is not searched for.
const hinted = new OwnerResolver(steady);
hinted.resolve([own]);
const third = hinted.resolve([foreignInode, own], { uidOf: new Map([[foreignInode, 0]]) });
const thirdStats = hinted.lastScanStats;
// The one-shot scan (the CLI's): the same answers, from reading every table once.
const oneShot = scanAllOwners();
process.stdout.write(
  `${JSON.stringify({
    pid: process.pid,
    uid: process.getuid?.(),
    own,
    first: Object.fromEntries(first),
    firstStats,
    second: Object.fromEntries(second),
    secondStats,
    third: Object.fromEntries(third),
    thirdStats,
    oneShot: { [foreignInode]: oneShot.get(foreignInode), [own]: oneShot.get(own), deniedProcesses: oneShot.deniedProcesses },
    foreignInfo: readProcessInfo(foreignPid),
    foreignEnviron: readEnviron(foreignPid),
  })}\n`,
);
server.close();
