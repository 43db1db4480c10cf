// A real HTTP server for the e2e tests: `node http-server-child.mjs [--port N] [--host H]
// [--label TEXT]`. Listens (port 0 = a free one), prints `LISTENING <port>` on stdout, and
// answers every request with its label. Exits on SIGTERM/SIGINT.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import process from 'node:process';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, label: { type: 'string', default: 'e2e server' } } });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end(`${values.label}\n`);
});
server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
