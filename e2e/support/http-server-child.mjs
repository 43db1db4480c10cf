// A real HTTP server for the e2e tests: `node http-server-child.mjs [--port N] [--host H]
// [--label TEXT] [--linger-ms N]`. Listens (port 0 = a free one), prints `LISTENING <port>` on stdout, and
// answers every request with its label. Exits on SIGTERM/SIGINT; with --linger-ms, closes its port
// first and exits that long after (a graceful shutdown's drain).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import process from 'node:process';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, label: { type: 'string', default: 'e2e server' }, 'linger-ms': { type: 'string', default: '0' } } });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end(`${values.label}\n`);
});
server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
const lingerMs = Number(values['linger-ms']);
const exitSoon = () => (lingerMs > 0 ? setTimeout(() => process.exit(0), lingerMs) : process.exit(0));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(exitSoon));
