/**
 * Bundled (esbuild) and run as `nobody` by close-connection-nobody.test.ts: previews and tries
 * to close the connection named in argv (a row as JSON), prints one JSON line with both answers.
 */
import type { SocketRow } from '../../model.js';
import { closeConnection, hasNetAdmin } from '../close-connection.js';

const row = JSON.parse(process.argv[2] ?? '{}') as SocketRow;
process.stdout.write(`${JSON.stringify({ netAdmin: hasNetAdmin(), result: closeConnection(row) })}\n`);
